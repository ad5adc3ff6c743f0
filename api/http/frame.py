"""The one frame every HTML page shares: api/web/templates/base.html (header with the site's navigation, one
stylesheet, a footer), rendered with one Jinja environment; static files under /assets/.

A page template extends base.html and fills `content` (and, where it needs them, `head` and `scripts`);
`page()` renders it into an HTMLResponse. Page chrome is English on every page; Dutch labels from the
sources keep their `lang="nl"`.
"""
from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from api.http.problems import Problem
from graph.settings import STATIC_DIR, TEMPLATE_DIR

SITE_NAME = "Langer Thuis knowledge graph"

# (key, path, label): the header's navigation, in order; a page names its key as `active`.
NAV = [
    ("coverage", "/viz/coverage", "Coverage"),
    ("who-owns-what", "/viz/who-owns-what", "Who owns what"),
    ("lineage", "/viz/lineage", "Lineage"),
    ("sparql", "/sparql", "SPARQL"),
    ("ontology", "/ontology", "Ontology"),
    ("api", "/docs", "API"),
    ("dataset", "/dataset", "Dataset"),
    ("sources", "/sources/", "Sources"),
]
MEDIA_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
               ".svg": "image/svg+xml", ".png": "image/png", ".woff2": "font/woff2", ".json": "application/json"}

templates = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=select_autoescape(["html"]),
                        trim_blocks=True, lstrip_blocks=True)
templates.globals.update(nav=NAV, site_name=SITE_NAME)


def render(template: str, **context) -> str:
    """The page as text (for a response, or a file written by the command line)."""
    return templates.get_template(template).render(**context)


def page(template: str, *, status_code: int = 200, headers: dict[str, str] | None = None,
         **context) -> HTMLResponse:
    return HTMLResponse(render(template, **context), status_code=status_code, headers=headers)


router = APIRouter(include_in_schema=False)


@router.get("/assets/{path:path}")
def asset(path: str) -> FileResponse:
    """A file of api/web/static (stylesheets, scripts, icons), never anything outside it."""
    file = (STATIC_DIR / path).resolve()
    if not file.is_relative_to(STATIC_DIR.resolve()) or not file.is_file() or file.suffix not in MEDIA_TYPES:
        raise Problem(404, f"no asset {path!r}", "not-found")
    return FileResponse(file, media_type=MEDIA_TYPES[file.suffix], headers={"Cache-Control": "public, max-age=3600"})
