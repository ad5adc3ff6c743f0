"""/ontology: the documentation generated from ontology/ with pyLODE, in the site frame: every class and
property with its English and Dutch label, its definition, domain and range; the reused vocabularies named;
a class diagram; linked from each entity page's type. Made without the network."""
from __future__ import annotations

import html
import re
import socket

import pytest
from rdflib import OWL, RDF, RDFS, Graph
from rdflib.namespace import SKOS

from api.web import ontology
from browser import open_page, shot
from graph.settings import ONTOLOGY_DIR

NS = "https://ltkg.example.org/def/"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
SOURCE = Graph().parse(ONTOLOGY_DIR / "ltkg.ttl")
TERMS = sorted(str(s)[len(NS):] for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
               for s in SOURCE.subjects(RDF.type, kind) if str(s).startswith(NS))


@pytest.fixture(scope="module")
def page(real) -> str:
    response = real.get("/ontology", headers={"Accept": BROWSER})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    return response.text


def _block(page: str, name: str) -> str:
    match = re.search(rf'<div class="property entity" id="{re.escape(name)}">(.*?)</table>', page, re.S)
    assert match, f"no entry for ltkg:{name}"
    return match.group(1)


def _label(term: str, lang: str) -> str:
    return next(str(o) for o in SOURCE.objects(SOURCE.namespace_manager.expand_curie(f"ltkg:{term}"), SKOS.prefLabel)
                if o.language == lang)


@pytest.mark.parametrize("term", TERMS)
def test_every_term_has_its_labels_definition_domain_and_range(page, term):
    block = _block(page, term)
    text = " ".join(html.unescape(block).split())
    heading = re.search(r"<h3>(.*?)<sup", text, re.S).group(1)
    assert _label(term, "en") in heading and f'<span class="nl" lang="nl">{_label(term, "nl")}' in heading
    iri = SOURCE.namespace_manager.expand_curie(f"ltkg:{term}")
    comments = list(SOURCE.objects(iri, RDFS.comment))  # the definition: every term has one
    assert comments, f"ltkg:{term} has no rdfs:comment in ontology/ltkg.ttl"
    for comment in comments:
        assert " ".join(str(comment).split()) in text
    for relation in (RDFS.domain, RDFS.range):
        for target in SOURCE.objects(iri, relation):
            if str(target).startswith(NS):
                assert f'href="#{str(target)[len(NS):]}"' in block, (term, relation, target)


def test_the_reused_vocabularies_are_named(page):
    for name in ("W3C ORG", "PROV-O", "SKOS", "DCMI Metadata Terms (DCTERMS)"):
        assert name in page
    assert "<code>prov:qualifiedAssociation</code>" in page or "prov:wasAssociatedWith" in page


def test_the_class_diagram_has_a_box_per_class(page):
    svg = re.search(r'<svg[^>]*class="class-diagram".*?</svg>', page, re.S).group(0)
    classes = [t for t in TERMS if (SOURCE.namespace_manager.expand_curie(f"ltkg:{t}"), RDF.type, OWL.Class) in SOURCE]
    for name in classes:
        assert f'<a href="#{name}"><rect' in svg, name
    assert "ltkg:lead" in svg and 'stroke-dasharray' in svg  # a property arrow, a subclass arrow


def test_roles_and_concept_schemes_are_listed(page):
    for role in ("Lead", "Partner", "Responsible", "Involved"):
        assert f'<tr id="{role}">' in page
    assert "party types" in page and 'lang="nl" class="other">ministerie' in page


def test_nothing_is_loaded_or_linked_from_elsewhere(page):
    assert not re.search(r'(?:src|href)="(?:https?:)?//', page)
    assert "<style>" not in page.split("</head>")[1].split('<div class="diagram">')[0]  # pyLODE's styles left out


def test_the_page_is_made_without_the_network(monkeypatch):
    def refuse(self, address):
        raise OSError(f"no network in this test: {address}")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    ontology._page.cache_clear()
    assert 'id="Action"' in ontology.ontology_html()


def test_an_entity_page_links_its_type_to_the_ontology(real, page):
    entity = real.get("/id/action/langer-thuis-2.6", headers={"Accept": BROWSER}, follow_redirects=True).text
    assert '<a class="type" href="/ontology#Action">' in entity
    assert '<div class="property entity" id="Action">' in page


def test_ontology_in_chromium(browser, site):
    with open_page(browser, site + "/ontology#lead") as view:
        view.wait_for_load_state("networkidle")
        assert view.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
        assert "trekker" in view.inner_text("#lead h3")
        shot(view, "ontology-term")
        view.click("svg.class-diagram a[href='#Party']")
        assert view.url.endswith("#Party")
