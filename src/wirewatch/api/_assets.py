"""Where the page's files come from: our own web/ folder and the npm packages in node_modules.

Nothing is vendored into the repository: `npm ci` (make setup-browser) installs the packages
pinned by package-lock.json, and the server maps the few files the page needs to /static/vendor.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

WEB_DIR = Path(__file__).parent / "web"

# URL prefix under /static/vendor -> folder inside node_modules, and one file that must exist there.
VENDOR: dict[str, tuple[str, str]] = {
    "leaflet": ("leaflet/dist", "leaflet.js"),
    "supercluster": ("supercluster/dist", "supercluster.min.js"),
    "topojson": ("topojson-client/dist", "topojson-client.min.js"),
    "d3": ("d3/dist", "d3.min.js"),
    "world-atlas": ("world-atlas", "countries-110m.json"),
    "tabulator": ("tabulator-tables/dist", "js/tabulator.min.js"),
    "chartjs": ("chart.js/dist", "chart.umd.min.js"),
    "swagger-ui": ("swagger-ui-dist", "swagger-ui-bundle.js"),
}
# Not needed by the page: without it /docs falls back to FastAPI's default (Swagger UI from a CDN).
OPTIONAL = {"swagger-ui"}


@dataclass(frozen=True)
class VendorAssets:
    node_modules: Path | None
    folders: dict[str, Path]       # mounted prefixes
    missing: list[str]             # npm packages whose files were not found

    @property
    def message(self) -> str | None:
        if not self.missing:
            return None
        where = self.node_modules or "node_modules (not found)"
        return (f"front-end packages missing in {where}: {', '.join(self.missing)}; "
                "run `npm ci` in the repository root (make setup-browser)")


def find_node_modules(explicit: str | Path | None = None) -> Path | None:
    """The node_modules folder: the argument, $WIREWATCH_NODE_MODULES, else the nearest one above
    this package (the repository root in a checkout) or above the working directory."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("WIREWATCH_NODE_MODULES")
    if env:
        return Path(env)
    for start in (Path(__file__).resolve().parent, Path.cwd().resolve()):
        for folder in (start, *start.parents):
            candidate = folder / "node_modules"
            if (candidate / "leaflet").is_dir():
                return candidate
    return None


def vendor_assets(node_modules: str | Path | None = None) -> VendorAssets:
    root = find_node_modules(node_modules)
    folders: dict[str, Path] = {}
    missing: list[str] = []
    for prefix, (sub, probe) in VENDOR.items():
        folder = root / sub if root else None
        if folder is not None and (folder / probe).is_file():
            folders[prefix] = folder
        elif prefix not in OPTIONAL:
            missing.append(sub.split("/")[0])
    return VendorAssets(root, folders, missing)
