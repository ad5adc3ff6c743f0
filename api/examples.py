"""Examples for the OpenAPI document: for every operation, example parameters and the answer the
route gives to them. api/openapi.py puts them into /openapi.json (Swagger UI fills in the parameters).

Taken from a run against the real build (`ltkg build`, then each route with these parameters) and
shortened: a list of objects to its first item, a list of strings to its first three; a text answer
to a few of its lines. tests/test_openapi.py asks the real build again: each JSON example must have
the keys (recursively, the first item of a list) of the route's answer, each text example must occur
in the answer, and each header example must be the header the route sends.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from api.dataset import CSV, HTML, JSON_LD, N_QUADS, TRIG, TURTLE

JSON = "application/json"
SPARQL_RESULTS = "application/sparql-results+json"
SPARQL_QUERY = "application/sparql-query"
TEXT = "text/plain"


@dataclass(frozen=True)
class Example:
    """Parameters (path and query, by name; a list for a repeated parameter), the answer's body by media
    type, its status, and its headers; for a POST, the request body by media type."""

    parameters: dict[str, object] = field(default_factory=dict)
    answers: dict[str, object] = field(default_factory=dict)
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    request: dict[str, str] = field(default_factory=dict)


# -- JSON answers -------------------------------------------------------------------------------------
PROGRAMME = {
    "id": "langer-thuis",
    "iri": "https://ltkg.example.org/id/programme/langer-thuis",
    "name": "Programma Langer Thuis",
    "period": "2018-2021",
    "signatories": [{"id": "actiz", "name": "ActiZ"}],
    "actionLines": [
        {
            "id": "langer-thuis-1",
            "iri": "https://ltkg.example.org/id/actionline/langer-thuis-1",
            "number": 1,
            "name": "ondersteuning en zorg thuis",
            "goals": [
                {
                    "id": "langer-thuis-1-doel-1",
                    "iri": "https://ltkg.example.org/id/goal/langer-thuis-1-doel-1",
                    "number": 1,
                    "text": "Versterken van de zelfredzaamheid van ouderen en hun sociale omgeving",
                },
            ],
        },
    ],
}

PROGRAMMES = {
    "items": [PROGRAMME],
    "total": 6,
    "limit": 1,
    "offset": 2,
}


ACTORS = {
    "items": [
        {
            "id": "vws",
            "iri": "https://ltkg.example.org/id/party/vws",
            "name": "Ministerie van Volksgezondheid, Welzijn en Sport",
            "altNames": ["Ministerie van VWS", "ministerie van VWS", "Ministerie VWS"],
            "type": "ministry",
            "typeName": "ministerie",
            "collective": False,
        },
    ],
    "total": 1,
    "limit": 1,
    "offset": 0,
}

ACTOR = {
    "id": "vws",
    "iri": "https://ltkg.example.org/id/party/vws",
    "name": "Ministerie van Volksgezondheid, Welzijn en Sport",
    "altNames": ["Ministerie van VWS", "ministerie van VWS", "Ministerie VWS"],
    "type": "ministry",
    "typeName": "ministerie",
    "collective": False,
    "leads": ["langer-thuis-1.3", "langer-thuis-1.4", "langer-thuis-1.5"],
    "partners": ["langer-thuis-2.10"],
    "consulted": [],
    "responsible": ["langer-thuis-1.4", "langer-thuis-1.8", "langer-thuis-1.10"],
    "contributors": [],
    "commissioners": ["langer-thuis-1.6"],
    "involved": ["wozo-1.7", "wozo-2.4", "wozo-5.6"],
    "members": [],
    "memberOf": [{"id": "werkgroep-mantelzorg-en-vrijwilligers", "name": "werkgroep Mantelzorg en vrijwilligers"}],
}

ACTIONS = {
    "items": [
        {
            "id": "langer-thuis-1.3",
            "iri": "https://ltkg.example.org/id/action/langer-thuis-1.3",
            "programme": {"id": "langer-thuis", "name": "Programma Langer Thuis"},
            "actionLine": {"id": "langer-thuis-1", "number": 1, "name": "ondersteuning en zorg thuis"},
            "goal": {
                "id": "langer-thuis-1-doel-1",
                "number": 1,
                "text": "Versterken van de zelfredzaamheid van ouderen en hun sociale omgeving",
            },
            "number": 3,
            "notation": "1.3",
            "title": "Versterking van de sociale basis, met daarbij o.a. pilots programma Sociaal Domein",
            "label": "Versterking van de sociale basis, met daarbij o.a. pilots programma Sociaal Domein",
            "milestone": {"id": "langer-thuis-1.3", "text": "Looptijd tot 1 januari 2020", "date": "2020-01-01"},
            "leads": [{"id": "movisie", "name": "Movisie"}],
            "partners": [],
            "consulted": [],
            "responsible": [],
            "contributors": [],
            "commissioners": [],
            "involved": [],
            "sources": [
                {
                    "document": "2018-langer-thuis-plan-van-aanpak",
                    "lines": [200, 200],
                    "quote": "Looptijd tot 1 januari 2020",
                },
            ],
        },
    ],
    "total": 30,
    "limit": 1,
    "offset": 0,
}

ACTION = {
    "id": "langer-thuis-2.6",
    "iri": "https://ltkg.example.org/id/action/langer-thuis-2.6",
    "programme": {"id": "langer-thuis", "name": "Programma Langer Thuis"},
    "actionLine": {"id": "langer-thuis-2", "number": 2, "name": "mantelzorgers en vrijwilligers in zorg en welzijn"},
    "goal": {
        "id": "langer-thuis-2-doel-2",
        "number": 2,
        "text": "Ondersteuningsaanbod verbeteren en beter toegankelijk maken (inclusief respijtzorg)",
    },
    "number": 6,
    "notation": "2.6",
    "title": "Aanjagen van het aanbod respijtzorg via landelijk aanjager respijtzorg (i.s.m. Mezzo).",
    "label": "Aanjagen van het aanbod respijtzorg via landelijk aanjager respijtzorg (i.s.m. Mezzo).",
    "milestone": {"id": "langer-thuis-2.6", "text": "Start najaar 2018, looptijd 2 jaar", "date": "2018"},
    "leads": [{"id": "mezzo", "name": "Mezzo"}],
    "partners": [{"id": "mezzo", "name": "Mezzo"}],
    "consulted": [],
    "responsible": [{"id": "vws", "name": "Ministerie van Volksgezondheid, Welzijn en Sport"}],
    "contributors": [],
    "commissioners": [],
    "involved": [],
    "sources": [
        {
            "document": "2018-langer-thuis-plan-van-aanpak",
            "lines": [244, 244],
            "quote": "Aanjagen van het aanbod respijtzorg via landelijk aanjager respijtzorg (i.s.m. Mezzo).",
        },
    ],
}

INITIATIVES = {'items': [{'id': 'actiz-campagne',
            'iri': 'https://ltkg.example.org/id/initiative/actiz-campagne',
            'name': 'eerder door ActiZ gestarte campagne',
            'nameEn': "ActiZ's earlier campaign",
            'altNames': [],
            'kind': {'id': 'campaign', 'name': 'campagne', 'nameEn': 'campaign'},
            'runBy': [{'id': 'actiz',
                       'name': 'ActiZ',
                       'sources': [{'kind': 'citation',
                                    'document': '2024-wozo-voortgangsrapportage',
                                    'lines': [37, 37],
                                    'quote': 'de eerder door ActiZ gestarte campagne'}]}],
            'fundedBy': [],
            'period': None,
            'mentionedBy': [],
            'restingOnIt': [],
            'continues': [],
            'continuedBy': [{'id': 'praat-vandaag-over-morgen',
                             'name': 'Praat vandaag over morgen',
                             'relation': 'scalesUp',
                             'sources': [{'kind': 'citation',
                                          'document': '2024-wozo-voortgangsrapportage',
                                          'lines': [37, 37],
                                          'quote': 'Deze campagne is een landelijke opschaling van de eerder '
                                                   'door ActiZ gestarte campagne.'}]}],
            'claims': [],
            'notes': [{'text': 'The WOZO report (line 37) names this campaign only as the one ActiZ started '
                               "earlier, which 'Praat vandaag over morgen' scales up nationally; it gives no "
                               "name of its own, so the node carries the report's description.",
                       'sources': [{'kind': 'editorial',
                                    'id': 'initiative-register',
                                    'rationale': 'Preferred labels, English labels and types are the '
                                                 "editors' curation in graph/data/initiatives.yaml; each "
                                                 'spelling found in a source is an alternative label cited '
                                                 'there.'}],
                       'lang': 'en'}],
            'sources': [{'kind': 'citation',
                         'document': '2024-wozo-voortgangsrapportage',
                         'lines': [37, 37],
                         'quote': 'Deze campagne is een landelijke opschaling van de eerder door ActiZ '
                                  'gestarte campagne.'},
                        {'kind': 'editorial',
                         'id': 'initiative-register',
                         'rationale': "Preferred labels, English labels and types are the editors' curation "
                                      'in graph/data/initiatives.yaml; each spelling found in a source is an '
                                      'alternative label cited there.'}]}],
 'total': 5,
 'limit': 1,
 'offset': 0}

INITIATIVE = {'id': 'praat-vandaag-over-morgen',
 'iri': 'https://ltkg.example.org/id/initiative/praat-vandaag-over-morgen',
 'name': 'Praat vandaag over morgen',
 'nameEn': 'Talk today about tomorrow (campaign)',
 'altNames': [],
 'kind': {'id': 'campaign', 'name': 'campagne', 'nameEn': 'campaign'},
 'runBy': [],
 'fundedBy': [],
 'period': None,
 'mentionedBy': [{'id': 'wozo-1.1',
                  'type': 'action',
                  'name': 'Voorbereiden op ouder worden / maatschappelijke dialoog',
                  'notation': '1.1',
                  'programme': 'wozo',
                  'sources': [{'kind': 'citation',
                               'document': '2024-wozo-voortgangsrapportage',
                               'lines': [35, 35],
                               'quote': 'De campagne "Praat vandaag over morgen" roept dan ook op'}],
                  'editorial': False}],
 'restingOnIt': [],
 'continues': [{'id': 'actiz-campagne',
                'name': 'eerder door ActiZ gestarte campagne',
                'relation': 'scalesUp',
                'sources': [{'kind': 'citation',
                             'document': '2024-wozo-voortgangsrapportage',
                             'lines': [37, 37],
                             'quote': 'Deze campagne is een landelijke opschaling van de eerder door ActiZ '
                                      'gestarte campagne.'}]}],
 'continuedBy': [],
 'claims': [],
 'notes': [],
 'sources': [{'kind': 'citation',
              'document': '2024-wozo-voortgangsrapportage',
              'lines': [35, 35],
              'quote': 'De campagne "Praat vandaag over morgen" roept dan ook op'},
             {'kind': 'editorial',
              'id': 'initiative-register',
              'rationale': "Preferred labels, English labels and types are the editors' curation in "
                           'graph/data/initiatives.yaml; each spelling found in a source is an alternative '
                           'label cited there.'}]}

COMPARISON = {'items': [{'id': 'wetgeving',
            'iri': 'https://ltkg.example.org/id/comparison-theme/wetgeving',
            'name': 'Wetgeving',
            'nameEn': 'Legislation',
            'cells': {'wozo': {'statements': [{'text': 'Voorliggendheid van de Wlz onderzoek effecten i.r.t. '
                                                       'aanpassing Wmo 2015',
                                               'sources': [{'kind': 'citation',
                                                            'document': '2024-08-02-eindverslag-zorg-en-ondersteuning-thuis',
                                                            'lines': [1356, 1358],
                                                            'quote': 'Voorliggendheid van de Wlz onderzoek '
                                                                     'effecten i.r.t. aanpassing Wmo 2015'}],
                                               'lang': 'nl'}],
                               'mentions': [{'id': 'wmo-2015',
                                             'name': 'Wet maatschappelijke ondersteuning 2015',
                                             'sources': [{'kind': 'citation',
                                                          'document': '2024-08-02-eindverslag-zorg-en-ondersteuning-thuis',
                                                          'lines': [1356, 1358],
                                                          'quote': 'Voorliggendheid van de Wlz onderzoek '
                                                                   'effecten i.r.t. aanpassing Wmo 2015'}]}],
                               'reading': [{'kind': 'editorial',
                                            'id': 'comparison-reading-wetgeving',
                                            'rationale': "Two bullets: the study of the Wlz's precedence "
                                                         "over the Wmo 2015 is WOZO's; amending the Wkkgz "
                                                         "for professionals' say is TAZ's (its theme of say "
                                                         'for professionals). The IZA and GALA cells are '
                                                         'empty.'}]},
                      'taz': {'statements': [{'text': 'Aanpassing Wkkgz voor zeggenschap professionals.',
                                              'sources': [{'kind': 'citation',
                                                           'document': '2024-08-02-eindverslag-zorg-en-ondersteuning-thuis',
                                                           'lines': [1360, 1361],
                                                           'quote': 'Aanpassing Wkkgz voor zeggenschap '
                                                                    'professionals.'}],
                                              'lang': 'nl'}],
                              'mentions': [{'id': 'wkkgz',
                                            'name': 'Wkkgz',
                                            'sources': [{'kind': 'citation',
                                                         'document': '2024-08-02-eindverslag-zorg-en-ondersteuning-thuis',
                                                         'lines': [1360, 1361],
                                                         'quote': 'Aanpassing Wkkgz voor zeggenschap '
                                                                  'professionals.'}]}],
                              'reading': [{'kind': 'editorial',
                                           'id': 'comparison-reading-wetgeving',
                                           'rationale': "Two bullets: the study of the Wlz's precedence over "
                                                        "the Wmo 2015 is WOZO's; amending the Wkkgz for "
                                                        "professionals' say is TAZ's (its theme of say for "
                                                        'professionals). The IZA and GALA cells are '
                                                        'empty.'}]},
                      'unassigned': {'statements': [], 'mentions': [], 'reading': []}},
            'sources': [{'kind': 'citation',
                         'document': '2024-08-02-eindverslag-zorg-en-ondersteuning-thuis',
                         'lines': [1356, 1356],
                         'quote': 'Wetgeving'},
                        {'kind': 'editorial',
                         'id': 'eindverslag-2024-comparison-english-labels',
                         'rationale': "English labels of the 2024 report's comparison themes are the "
                                      "editors' translations."}]}],
 'total': 1,
 'limit': 50,
 'offset': 0,
 'programmes': [{'id': 'iza', 'name': 'Integraal Zorgakkoord'},
                {'id': 'gala', 'name': 'Gezond en Actief Leven Akkoord'},
                {'id': 'wozo', 'name': 'Wonen, Ondersteuning en Zorg voor Ouderen (WOZO)'},
                {'id': 'taz', 'name': 'Toekomstbestendige Arbeidsmarkt Zorg & Welzijn'}],
 'connections': []}

REGULATIONS = {'items': [{'id': 'aanpassingswet-wet-toetreding-zorgaanbieders',
            'iri': 'https://ltkg.example.org/id/initiative/aanpassingswet-wet-toetreding-zorgaanbieders',
            'name': 'Aanpassingswet Wet toetreding zorgaanbieders',
            'nameEn': 'Healthcare Providers (Admission) Act, adaptation act',
            'altNames': [],
            'kind': {'id': 'law', 'name': 'wet', 'nameEn': 'law'},
            'notes': [{'text': 'The companion bill of the Wet toetreding zorgaanbieders, held over with it '
                               '(plan line 679).',
                       'sources': [{'kind': 'editorial',
                                    'id': 'initiative-register',
                                    'rationale': 'Preferred labels, English labels and types are the '
                                                 "editors' curation in graph/data/initiatives.yaml; each "
                                                 'spelling found in a source is an alternative label cited '
                                                 'there.'}],
                       'lang': 'en'}],
            'restingOnIt': [{'id': 'langer-thuis-1.16',
                             'type': 'action',
                             'name': 'Een beter op elkaar aangesloten acute zorgketen door de regie van '
                                     'regionale overleggen acute zorgketen (ROAZ-en)',
                             'notation': '1.16',
                             'programme': 'langer-thuis',
                             'sources': [{'kind': 'citation',
                                          'document': '2018-langer-thuis-plan-van-aanpak',
                                          'lines': [679, 679],
                                          'quote': 'Daarbij hangt de AmvB samen met de door de TK '
                                                   'aangehouden wetsvoorstellen Wet toetreding '
                                                   'zorgaanbieders/ Aanpassingswet Wet toetreding '
                                                   'zorgaanbieders.'}],
                             'editorial': False}],
            'claims': [],
            'sources': [{'kind': 'citation',
                         'document': '2018-langer-thuis-plan-van-aanpak',
                         'lines': [679, 679],
                         'quote': 'Daarbij hangt de AmvB samen met de door de TK aangehouden wetsvoorstellen '
                                  'Wet toetreding zorgaanbieders/ Aanpassingswet Wet toetreding '
                                  'zorgaanbieders.'},
                        {'kind': 'editorial',
                         'id': 'initiative-register',
                         'rationale': "Preferred labels, English labels and types are the editors' curation "
                                      'in graph/data/initiatives.yaml; each spelling found in a source is an '
                                      'alternative label cited there.'}]}],
 'total': 11,
 'limit': 1,
 'offset': 0}

REGULATION = {'id': 'zvw',
 'iri': 'https://ltkg.example.org/id/initiative/zvw',
 'name': 'Zorgverzekeringswet',
 'nameEn': 'Health Insurance Act',
 'altNames': ['Zvw'],
 'kind': {'id': 'law', 'name': 'wet', 'nameEn': 'law'},
 'notes': [],
 'restingOnIt': [{'id': 'gala',
                  'type': 'programme',
                  'name': 'Gezond en Actief Leven Akkoord',
                  'sources': [{'kind': 'citation',
                               'document': '2024-08-02-eindverslag-zorg-en-ondersteuning-thuis',
                               'lines': [718, 718],
                               'quote': 'Wpg, Wmo, Zvw'}],
                  'editorial': False},
                 {'id': 'iza',
                  'type': 'programme',
                  'name': 'Integraal Zorgakkoord',
                  'sources': [{'kind': 'citation',
                               'document': '2024-08-02-eindverslag-zorg-en-ondersteuning-thuis',
                               'lines': [718, 718],
                               'quote': 'Wettelijke kaders Zvw, Wmo'}],
                  'editorial': False},
                 {'id': 'taz',
                  'type': 'programme',
                  'name': 'Toekomstbestendige Arbeidsmarkt Zorg & Welzijn',
                  'sources': [{'kind': 'citation',
                               'document': '2024-08-02-eindverslag-zorg-en-ondersteuning-thuis',
                               'lines': [718, 719],
                               'quote': 'Zorg- en welzijn breed (Wlz, Wmo, Zvw, Jeugdwet), Wpg en Wegiz'}],
                  'editorial': False},
                 {'id': 'wozo',
                  'type': 'programme',
                  'name': 'Wonen, Ondersteuning en Zorg voor Ouderen (WOZO)',
                  'sources': [{'kind': 'citation',
                               'document': '2024-08-02-eindverslag-zorg-en-ondersteuning-thuis',
                               'lines': [718, 718],
                               'quote': 'Wlz, Wmo en Zvw (ouderenzorg)'}],
                  'editorial': False},
                 {'id': 'langer-thuis-1.11',
                  'type': 'action',
                  'name': 'Onderbrengen van de zorg die de specialist ouderengeneeskunde pleegt te bieden '
                          'onder de Zvw',
                  'notation': '1.11',
                  'programme': 'langer-thuis',
                  'sources': [{'kind': 'citation',
                               'document': '2018-langer-thuis-plan-van-aanpak',
                               'lines': [212, 212],
                               'quote': 'Onderbrengen van de zorg die de specialist ouderengeneeskunde '
                                        'pleegt te bieden onder de Zvw'},
                              {'kind': 'citation',
                               'document': '2018-langer-thuis-plan-van-aanpak',
                               'lines': [633, 633],
                               'quote': 'Het is het voornemen om deze zorg per 2020 onder te brengen in de '
                                        'Zorgverzekeringswet per 2020.'}],
                  'editorial': False},
                 {'id': 'langer-thuis-1.15',
                  'type': 'action',
                  'name': "Stimuleren van het werken aan een 'welkome voorkant' voor vormen van tijdelijk "
                          'verblijf (Zvw, Wmo en Wlz), ophalen van goede voorbeelden en knelpunten.',
                  'notation': '1.15',
                  'programme': 'langer-thuis',
                  'sources': [{'kind': 'citation',
                               'document': '2018-langer-thuis-plan-van-aanpak',
                               'lines': [217, 217],
                               'quote': "Stimuleren van het werken aan een 'welkome voorkant' voor vormen "
                                        'van tijdelijk verblijf (Zvw, Wmo en Wlz)'}],
                  'editorial': False},
                 {'id': 'wozo-2.1',
                  'type': 'action',
                  'name': 'Tijdelijk verblijf',
                  'notation': '2.1',
                  'programme': 'wozo',
                  'sources': [{'kind': 'citation',
                               'document': '2024-wozo-voortgangsrapportage',
                               'lines': [115, 115],
                               'quote': 'Er zijn binnen de Zvw, Wlz en Wmo verschillende verblijftitels en '
                                        'de bekostiging is op verschillende manieren ingericht.'}],
                  'editorial': False}],
 'claims': [],
 'sources': [{'kind': 'citation',
              'document': '2018-langer-thuis-plan-van-aanpak',
              'lines': [212, 212],
              'quote': 'Onderbrengen van de zorg die de specialist ouderengeneeskunde pleegt te bieden onder '
                       'de Zvw'},
             {'kind': 'citation',
              'document': '2018-langer-thuis-plan-van-aanpak',
              'lines': [217, 217],
              'quote': "Stimuleren van het werken aan een 'welkome voorkant' voor vormen van tijdelijk "
                       'verblijf (Zvw, Wmo en Wlz)'},
             {'kind': 'citation',
              'document': '2018-langer-thuis-plan-van-aanpak',
              'lines': [633, 633],
              'quote': 'Het is het voornemen om deze zorg per 2020 onder te brengen in de '
                       'Zorgverzekeringswet per 2020.'},
             {'kind': 'citation',
              'document': '2021-langer-thuis-voortgangsrapportage-3',
              'lines': [717, 717],
              'quote': 'Zorgverzekeringswet (Zvw)'},
             {'kind': 'citation',
              'document': '2021-langer-thuis-voortgangsrapportage-3',
              'lines': [752, 757],
              'quote': 'Adequate financiering is daarbij een belangrijke factor. Zowel zorgverzekeraars als '
                       'de zorgaanbieders hebben een sterke voorkeur voor lumpsumfinanciering. Met de brief '
                       'over algemene diensten ten behoeve van verzekerde zorg is toegelicht op welke wijze '
                       'dit mogelijk is binnen de Zorgverzekeringswet 22. Desondanks is het vooralsnog voor '
                       'partijen lastig om dit goed te regelen. ZN, ActiZ en VWS vervolgen het onderling '
                       'overleg over de haalbaarheid van lumpsumfinanciering.'},
             {'kind': 'citation',
              'document': '2024-08-02-eindverslag-zorg-en-ondersteuning-thuis',
              'lines': [718, 718],
              'quote': 'Wettelijke kaders Zvw, Wmo'},
             {'kind': 'citation',
              'document': '2024-08-02-eindverslag-zorg-en-ondersteuning-thuis',
              'lines': [718, 718],
              'quote': 'Wlz, Wmo en Zvw (ouderenzorg)'},
             {'kind': 'citation',
              'document': '2024-08-02-eindverslag-zorg-en-ondersteuning-thuis',
              'lines': [718, 718],
              'quote': 'Wpg, Wmo, Zvw'},
             {'kind': 'citation',
              'document': '2024-08-02-eindverslag-zorg-en-ondersteuning-thuis',
              'lines': [718, 719],
              'quote': 'Zorg- en welzijn breed (Wlz, Wmo, Zvw, Jeugdwet), Wpg en Wegiz'},
             {'kind': 'citation',
              'document': '2024-wozo-voortgangsrapportage',
              'lines': [115, 115],
              'quote': 'Er zijn binnen de Zvw, Wlz en Wmo verschillende verblijftitels en de bekostiging is '
                       'op verschillende manieren ingericht.'},
             {'kind': 'editorial',
              'id': 'initiative-register',
              'rationale': "Preferred labels, English labels and types are the editors' curation in "
                           'graph/data/initiatives.yaml; each spelling found in a source is an alternative '
                           'label cited there.'}]}

REGION = {
    "id": "flevoland",
    "iri": "https://ltkg.example.org/id/region/flevoland",
    "name": "Flevoland",
    "nameEn": None,
    "notes": [],
    "regionalPlans": [
        {
            "id": "flevoland",
            "name": "Regioplan Flevoland",
            "nameEn": "Regional plan Flevoland",
            "number": 1,
            "sources": [
                {
                    "kind": "citation",
                    "document": "2024-08-02-eindverslag-zorg-en-ondersteuning-thuis",
                    "lines": [2192, 2192],
                    "quote": "1. Flevoland",
                },
            ],
        },
    ],
    "sources": [
        {
            "kind": "citation",
            "document": "2024-08-02-eindverslag-zorg-en-ondersteuning-thuis",
            "lines": [2192, 2192],
            "quote": "1. Flevoland",
        },
    ],
}

REGIONS = {
    "items": [REGION],
    "total": 10,
    "limit": 1,
    "offset": 0,
}


THEMES = {
    "items": [
        {
            "id": "cultuur",
            "iri": "https://ltkg.example.org/id/theme/cultuur",
            "name": "Cultuur",
            "nameEn": "Culture",
            "altNames": [],
            "origins": ["indicator-category"],
            "notes": [],
            "coverageInPlans": [],
            "related": [],
            "indicators": [
                {
                    "id": "voorkant-cultuur-1",
                    "name": "Visie en leidende principes",
                    "sources": [
                        {
                            "kind": "citation",
                            "document": "2024-08-02-eindverslag-zorg-en-ondersteuning-thuis",
                            "lines": [1559, 1559],
                            "quote": "Visie en leidende principes",
                        },
                    ],
                },
            ],
            "whiteSpots": [],
            "programmes": ["langer-thuis", "wozo"],
            "actions": [
                {
                    "id": "langer-thuis-1.1",
                    "type": "action",
                    "name": "Bewustwording creëren bij ouderen",
                    "notation": "1.1",
                    "programme": "langer-thuis",
                    "sources": [
                        {
                            "kind": "editorial",
                            "id": "theme-class-langer-thuis-1.1",
                            "rationale": ("Creates awareness among older people (network 'Vitaler ouder worden', "
                                "MijnKwaliteitVanLeven) so they take charge of ageing well; indicator "
                                "\"Bewustwording burgers\"."),
                        },
                    ],
                    "editorial": True,
                },
            ],
            "sources": [
                {
                    "kind": "citation",
                    "document": "2024-08-02-eindverslag-zorg-en-ondersteuning-thuis",
                    "lines": [1557, 1557],
                    "quote": "Cultuur",
                },
            ],
        },
    ],
    "total": 29,
    "limit": 1,
    "offset": 0,
}

THEME = {
    "id": "digitale-vaardigheden",
    "iri": "https://ltkg.example.org/id/theme/digitale-vaardigheden",
    "name": "Digitale vaardigheden",
    "nameEn": "Digital skills",
    "altNames": [],
    "origins": ["interview-theme"],
    "notes": [],
    "coverageInPlans": [],
    "related": [],
    "indicators": [],
    "whiteSpots": [],
    "programmes": ["wozo"],
    "actions": [
        {
            "id": "wozo-5.6",
            "type": "action",
            "name": "Ondersteuning bij digitale en hybride zorg",
            "notation": "5.6",
            "programme": "wozo",
            "sources": [
                {
                    "kind": "editorial",
                    "id": "theme-class-wozo-5.6",
                    "rationale": ("Support for people who struggle with digital care (Helpdesk Digitale Zorg, "
                        "Pharos) and information that reaches older people (Zorg van Nu)."),
                },
            ],
            "editorial": True,
        },
    ],
    "sources": [
        {
            "kind": "citation",
            "document": "2024-08-02-eindverslag-zorg-en-ondersteuning-thuis",
            "lines": [334, 334],
            "quote": "Digitale vaardigheden",
        },
    ],
}

COVERAGE = {
    "items": [
        {
            "theme": {
                "id": "bekwaam-is-inzetbaar",
                "name": "Bekwaam is inzetbaar",
                "nameEn": "Competent means deployable",
                "origins": ["interview-theme"],
                "sources": [
                    {
                        "kind": "citation",
                        "document": "2024-08-02-eindverslag-zorg-en-ondersteuning-thuis",
                        "lines": [475, 475],
                        "quote": "Bekwaam is inzetbaar?",
                    },
                ],
            },
            "covered": False,
            "coveredBy": [],
            "count": 0,
            "cells": [{"programme": "langer-thuis", "count": 0, "state": "none", "actions": [], "report": [],
                       "reportMentions": []}],
            "report": {
                "whiteSpots": [
                    {
                        "id": "bekwaam-is-bevoegd",
                        "name": "Bekwaam is bevoegd",
                        "nameEn": "Competent means authorised",
                        "statements": [{"text": "Er is onvoldoende bekendheid onder zorgprofessionals over wat de "
                                                "mogelijkheden zijn over toepassing van het principe ‘bekwaam is "
                                                "bevoegd’. …", "lang": "nl", "sources": []}],
                        "verdict": None,
                        "openQuestion": None,
                        "notes": [],
                        "possiblyAddressedBy": [],
                        "sources": [],
                    },
                ],
                "reading": "candidate",
            },
            "comparisonThemes": [],
            "disagreement": None,
        },
    ],
    "total": 29,
    "limit": 1,
    "offset": 0,
    "programmes": [{"id": "langer-thuis", "name": "Programma Langer Thuis", "nameEn": "Langer Thuis programme"}],
    "gaps": ["bekwaam-is-inzetbaar", "hulpmiddelen", "mentale-gezondheid-van-ouderen"],
    "columns": [{"id": "langer-thuis", "name": "Programma Langer Thuis", "nameEn": "Langer Thuis programme",
                 "unit": "actions", "classified": ["langer-thuis-1.1", "langer-thuis-1.2"], "notApplicable": None}],
    "evidence": [
        {
            "id": "langer-thuis-1.8", "type": "action", "programme": "langer-thuis",
            "name": "Inzet van e-health bevorderen middels Stimuleringsregeling E-health Thuis.",
            "notation": "1.8", "actionLine": "langer-thuis-1",
            "titleSources": [{"kind": "citation", "document": "2018-langer-thuis-plan-van-aanpak",
                              "lines": [206, 206], "quote": "…"}],
            "parties": [{"id": "vws", "name": "Ministerie van Volksgezondheid, Welzijn en Sport",
                         "roles": ["lead", "responsible"], "type": "ministry", "sources": []}],
            "initiatives": [{"id": "set", "name": "Stimuleringsregeling E-health Thuis",
                             "nameEn": "E-health at Home incentive scheme",
                             "kind": {"id": "incentive-scheme", "name": "stimuleringsregeling",
                                      "nameEn": "incentive scheme"},
                             "relations": ["restsOn"],
                             "sources": [{"kind": "citation", "document": "2018-langer-thuis-plan-van-aanpak",
                                          "lines": [206, 206], "quote": "Inzet van e-health bevorderen middels "
                                          "Stimuleringsregeling E-health Thuis."}]}],
            "classification": [{"kind": "editorial", "id": "theme-class-langer-thuis-1.8", "rationale": "…"}],
            "partyTypes": ["ministry"],
            "documents": ["2018-langer-thuis-plan-van-aanpak"],
        },
    ],
    "basis": ("editorial: each action's or action line's themes are the editors' classification "
        "(id/editorial/theme-class-*), not a statement of the documents"),
    "axis": "theme-programme",
    "choice": {"level": "item", "programme": ["langer-thuis", "wozo"], "document": None, "partyType": None},
    "options": {
        "programmes": [{"id": "gala", "name": "Gezond en Actief Leven Akkoord",
                        "nameEn": "Healthy and Active Living Agreement"}],
        "documents": [{"id": "2024-08-02-eindverslag-zorg-en-ondersteuning-thuis",
                       "name": "Eindverslag Zorg en ondersteuning thuis",
                       "nameEn": "Final report on care and support at home, for the WOZO werkorganisatie"}],
        "partyTypes": [{"id": "association", "name": "vereniging of koepel", "nameEn": "association"}],
    },
}

WHITE_SPOTS = {
    "items": [
        {
            "theme": {
                "id": "bekwaam-is-inzetbaar",
                "name": "Bekwaam is inzetbaar",
                "nameEn": "Competent means deployable",
                "sources": [
                    {
                        "kind": "citation",
                        "document": "2024-08-02-eindverslag-zorg-en-ondersteuning-thuis",
                        "lines": [475, 475],
                        "quote": "Bekwaam is inzetbaar?",
                    },
                ],
            },
            "reportCandidates": [
                {
                    "id": "bekwaam-is-bevoegd",
                    "name": "Bekwaam is bevoegd",
                    "nameEn": "Competent means authorised",
                    "statements": [
                        {
                            "text": ("Er is onvoldoende bekendheid onder zorgprofessionals over wat de "
                                "mogelijkheden zijn over toepassing van het principe ‘bekwaam is bevoegd’. "
                                "Het is niet zichtbaar in de regioplannen dat dit principe overal wordt "
                                "geïmplementeerd. Dit is mogelijk een witte vlek."),
                            "sources": [
                                {
                                    "kind": "citation",
                                    "document": "2024-08-02-eindverslag-zorg-en-ondersteuning-thuis",
                                    "lines": [2068, 2070],
                                    "quote": ("Er is onvoldoende bekendheid onder zorgprofessionals over wat de "
                                        "mogelijkheden zijn over toepassing van het principe ‘bekwaam is "
                                        "bevoegd’. Het is niet zichtbaar in de regioplannen dat dit "
                                        "principe overal wordt geïmplementeerd. Dit is mogelijk een witte "
                                        "vlek."),
                                },
                            ],
                            "lang": "nl",
                        },
                    ],
                    "verdict": None,
                    "openQuestion": None,
                    "notes": [
                        {
                            "text": ("Named a possible white spot in Deel 4 (line 2070) but not among the five "
                                "themes the werkorganisatie reflects on in Deel 5 (lines 2085-2131); it has "
                                "no verdict."),
                            "sources": [
                                {
                                    "kind": "citation",
                                    "document": "2024-08-02-eindverslag-zorg-en-ondersteuning-thuis",
                                    "lines": [2068, 2070],
                                    "quote": ("Er is onvoldoende bekendheid onder zorgprofessionals over wat de "
                                        "mogelijkheden zijn over toepassing van het principe ‘bekwaam is "
                                        "bevoegd’. Het is niet zichtbaar in de regioplannen dat dit "
                                        "principe overal wordt geïmplementeerd. Dit is mogelijk een witte "
                                        "vlek."),
                                },
                            ],
                            "lang": "en",
                        },
                    ],
                    "possiblyAddressedBy": [],
                    "sources": [
                        {
                            "kind": "citation",
                            "document": "2024-08-02-eindverslag-zorg-en-ondersteuning-thuis",
                            "lines": [2068, 2070],
                            "quote": ("Er is onvoldoende bekendheid onder zorgprofessionals over wat de "
                                "mogelijkheden zijn over toepassing van het principe ‘bekwaam is bevoegd’. "
                                "Het is niet zichtbaar in de regioplannen dat dit principe overal wordt "
                                "geïmplementeerd. Dit is mogelijk een witte vlek."),
                        },
                    ],
                },
            ],
            "computed": {
                "gap": True,
                "programmes": ["wozo"],
                "coveringActions": {},
                "basis": ("editorial: no action or action line of these programmes is classified under the theme "
                    "(classifications id/editorial/theme-class-*)"),
            },
        },
    ],
    "total": 10,
    "limit": 1,
    "offset": 0,
    "counts": {"reportCandidates": 6, "computedGaps": 7, "both": 3},
}

LINEAGE = {
    "id": "gala",
    "iri": "https://ltkg.example.org/id/programme/gala",
    "name": "Gezond en Actief Leven Akkoord",
    "nameEn": "Healthy and Active Living Agreement",
    "partOf": [],
    "parts": [],
    "succeeds": [
        {
            "id": "langer-thuis",
            "name": "Programma Langer Thuis",
            "editorial": True,
            "sources": [
                {
                    "kind": "editorial",
                    "id": "lineage-gala-succeeds-langer-thuis",
                    "rationale": ("The project's premise, not a statement of the documents: the Gezond en Actief "
                        "Leven Akkoord (GALA, 31 January 2023 by the 2024 report) is one of the four "
                        "programmes and agreements that the 2024 report places side by side after "
                        "Langer Thuis (2018-2021). No source says that GALA succeeds Langer Thuis. "
                        "Backed by the continuation id/continuation/sociale-basis-gala (strengthening "
                        "the social base)."),
                },
            ],
            "evidence": [
                {
                    "kind": "citation",
                    "document": "2018-langer-thuis-plan-van-aanpak",
                    "lines": [9, 9],
                    "quote": "Plan van Aanpak 2018-2021",
                },
            ],
            "evidenceStrength": "single-initiative",
        },
    ],
    "succeededBy": [],
    "continuations": [
        {
            "id": "sociale-basis-gala",
            "name": "sociale basis",
            "nameEn": "Strengthening the social base",
            "editorial": True,
            "sources": [
                {
                    "kind": "editorial",
                    "id": "continuation-sociale-basis-gala",
                    "rationale": ("The same named subject in the same words: 2018 action 1.3 \"Versterking van "
                        "de sociale basis\"; GALA's action line 3 \"Versterken van de sociale basis\"."),
                },
            ],
            "earlier": {
                "id": "langer-thuis-1.3",
                "type": "action",
                "name": "Versterking van de sociale basis, met daarbij o.a. pilots programma Sociaal Domein",
                "notation": "1.3",
                "programme": "langer-thuis",
                "sources": [
                    {
                        "kind": "citation",
                        "document": "2018-langer-thuis-plan-van-aanpak",
                        "lines": [200, 200],
                        "quote": ("Versterking van de sociale basis, met daarbij o.a. pilots programma Sociaal "
                            "Domein"),
                    },
                ],
            },
            "later": {
                "id": "gala-3",
                "type": "actionLine",
                "name": "Versterken van de sociale basis",
                "programme": "gala",
                "sources": [
                    {
                        "kind": "citation",
                        "document": "2024-08-02-eindverslag-zorg-en-ondersteuning-thuis",
                        "lines": [693, 693],
                        "quote": "3. Versterken van de sociale basis",
                    },
                ],
            },
        },
    ],
    "initiatives": [],
}

SPARQL_ANSWER = {
    "head": {"vars": ["actions"]},
    "results": {
        "bindings": [
            {"actions": {"type": "literal", "value": "79", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}},
        ],
    },
}

DUMP_JSON_LD = [
    {
        "@id": "https://ltkg.example.org/graph/ontology",
        "@graph": [
            {
                "@id": "https://ltkg.example.org/def/",
                "http://purl.org/dc/terms/title": [
                    {"@language": "en", "@value": "Langer Thuis knowledge graph ontology"},
                ],
                "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": [
                    {"@id": "http://www.w3.org/2002/07/owl#Ontology"},
                ],
                "http://www.w3.org/2000/01/rdf-schema#comment": [
                    {
                        "@language": "en",
                        "@value": ("Every asserted triple lives in a named graph that is its provenance: a "
                            "ltkg:Citation (document, lines, verbatim quote) or a ltkg:EditorialAssertion "
                            "(the editors' claim, with a rationale)."),
                    },
                ],
                "http://www.w3.org/2002/07/owl#versionInfo": [{"@value": "1"}],
            },
        ],
    },
]

# -- text answers -------------------------------------------------------------------------------------
ACTION_TURTLE = """\
<https://ltkg.example.org/id/action/langer-thuis-2.6> dcterms:title "Aanjagen van het aanbod respijtzorg via \
landelijk aanjager respijtzorg (i.s.m. Mezzo)."@nl ;
\ta ltkg:Action ;
\tskos:notation "2.6" ;"""
ACTION_HTML = ('<h1 lang="nl">Aanjagen van het aanbod respijtzorg via landelijk aanjager respijtzorg '
               '(i.s.m. Mezzo).</h1>')
ONTOLOGY_TURTLE = """\
ltkg:Action a owl:Class ; rdfs:subClassOf prov:Activity ;
    skos:prefLabel "action"@en , "actie"@nl ;"""
VOID_TURTLE = """\
\tvoid:rootResource <https://ltkg.example.org/id/programme/langer-thuis> ;
\tvoid:sparqlEndpoint <https://ltkg.example.org/sparql> ;"""
DUMP_N_QUADS = ('<https://ltkg.example.org/def/> <http://purl.org/dc/terms/title> '
                '"Langer Thuis knowledge graph ontology"@en <https://ltkg.example.org/graph/ontology> .')
DUMP_TRIG = """\
<https://ltkg.example.org/graph/ontology> {
\tltkg: dcterms:title "Langer Thuis knowledge graph ontology"@en , \
"Ontologie van de kennisgraaf Langer Thuis"@nl ;"""
DUMP_TURTLE = """\
# The Langer Thuis knowledge graph: the union of the triples of all its named graphs.
# Turtle has no named graphs, so this file does not say which source states which triple;"""
ACTIONS_CSV = """\
id,iri,programme,action_line,goal,number,notation,title,milestone,leads,partners,responsible,involved,\
source_document,source_first_line,source_last_line\r
langer-thuis-1.1,https://ltkg.example.org/id/action/langer-thuis-1.1,langer-thuis,langer-thuis-1,\
langer-thuis-1-doel-1,1,1.1,Bewustwording creëren bij ouderen,Mijlpaal: Netwerk start 2019,KBO-PCOB,,,,\
2018-langer-thuis-plan-van-aanpak,198,198\r
"""
SOURCE_TEXT = "Programma Langer Thuis\n\nSamen aan de slag"
SOURCES_HTML = "<h1>Source documents</h1>"
NETWORK_HTML = '<h1 lang="en">Who owns what: parties and actions (Programma Langer Thuis)</h1>'
PARTY_NETWORK_HTML = '<h1 lang="nl">Ministerie van Volksgezondheid, Welzijn en Sport</h1>'
LINEAGE_HTML = '<h1 lang="en">From Langer Thuis to WOZO, IZA, GALA and TAZ</h1>'
PARTY_METRICS = {
    "parties": [
        {
            "id": "vws",
            "name": "Ministerie van Volksgezondheid, Welzijn en Sport",
            "type": "ministry",
            "actions": {"lead": 30, "partner": 1, "consulted": 0, "contributor": 0, "responsible": 24, "involved": 5,
                        "commissioner": 1},
            "byProgramme": {
                "langer-thuis": {"lead": 30, "partner": 1, "consulted": 0, "contributor": 0, "responsible": 24,
                                 "involved": 0, "commissioner": 1},
                "wozo": {"lead": 0, "partner": 0, "consulted": 0, "contributor": 0, "responsible": 0, "involved": 5,
                         "commissioner": 0},
            },
            "programmes": ["langer-thuis", "wozo"],
            "bridges": True,
            "betweenness": {"partyAction": 0.417063, "coInvolvement": 0.354542},
            "degree": {"coInvolvement": 45},
            "community": 0,
            "component": 0,
        },
    ],
    "roles": ["lead", "partner", "consulted"],
    "communities": [{"id": 0, "size": 29, "parties": ["coalitie-mantelzorgagenda", "deelnemende-gemeenten",
                                                      "diverse-gemeenten"]}],
    "components": [{"id": 0, "size": 150, "parties": ["aanjaagteam-wonen-welzijn-en-zorg-voor-ouderen",
                                                      "abf-research", "actiz"],
                    "actions": ["langer-thuis-1.3", "langer-thuis-1.4", "langer-thuis-1.5"]}],
    "coLeadership": [{"parties": ["vng", "vws"], "actions": ["langer-thuis-1.3", "langer-thuis-1.4", "langer-thuis-1.5"]}],
}
COVERAGE_HTML = "<h1>Coverage workbench</h1>"
QUERY = ("PREFIX ltkg: <https://ltkg.example.org/def/> "
         "SELECT (COUNT(?action) AS ?actions) WHERE { ?action a ltkg:Action }")


# -- by operation -------------------------------------------------------------------------------------
EXAMPLES: dict[tuple[str, str], Example] = {
    ("get", "/api/programmes"): Example({"limit": 1, "offset": 2}, {JSON: PROGRAMMES}),
    ("get", "/api/programmes/{id}"): Example({"id": "langer-thuis"}, {JSON: PROGRAMME}),
    ("get", "/api/actors"): Example({"q": "vws", "limit": 1}, {JSON: ACTORS}),
    ("get", "/api/actors/{id}"): Example({"id": "vws"}, {JSON: ACTOR}),
    ("get", "/api/actions"): Example({"programme": "langer-thuis", "lead": "vws", "limit": 1}, {JSON: ACTIONS}),
    ("get", "/api/actions/{id}"): Example({"id": "langer-thuis-2.6"}, {JSON: ACTION}),
    ("get", "/api/initiatives"): Example({"kind": "campaign", "limit": 1}, {JSON: INITIATIVES}),
    ("get", "/api/initiatives/{id}"): Example({"id": "praat-vandaag-over-morgen"}, {JSON: INITIATIVE}),
    ("get", "/api/regulations"): Example({"kind": "law", "limit": 1}, {JSON: REGULATIONS}),
    ("get", "/api/regulations/{id}"): Example({"id": "zvw"}, {JSON: REGULATION}),
    ("get", "/api/regions"): Example({"limit": 1}, {JSON: REGIONS}),
    ("get", "/api/regions/{id}"): Example({"id": "flevoland"}, {JSON: REGION}),
    ("get", "/api/themes"): Example({"limit": 1}, {JSON: THEMES}),
    ("get", "/api/themes/{id}"): Example({"id": "digitale-vaardigheden"}, {JSON: THEME}),
    ("get", "/api/coverage"): Example({"programme": ["langer-thuis", "wozo"], "limit": 1}, {JSON: COVERAGE}),
    ("get", "/api/white-spots"): Example({"programme": ["wozo"], "limit": 1}, {JSON: WHITE_SPOTS}),
    ("get", "/api/comparison"): Example({"theme": "wetgeving"}, {JSON: COMPARISON}),
    ("get", "/api/programmes/{id}/lineage"): Example({"id": "gala"}, {JSON: LINEAGE}),
    ("get", "/sparql"): Example({"query": QUERY}, {SPARQL_RESULTS: SPARQL_ANSWER}),
    ("post", "/sparql"): Example(answers={SPARQL_RESULTS: SPARQL_ANSWER}, request={SPARQL_QUERY: QUERY}),
    ("get", "/viz/who-owns-what"): Example({"programme": "langer-thuis"}, {HTML: NETWORK_HTML}),
    ("get", "/viz/coverage"): Example(answers={HTML: COVERAGE_HTML}),
    ("get", "/viz/party/{id}"): Example({"id": "vws"}, {HTML: PARTY_NETWORK_HTML}),
    ("get", "/viz/lineage"): Example(answers={HTML: LINEAGE_HTML}),
    ("get", "/api/metrics/parties"): Example(answers={JSON: PARTY_METRICS}),
    ("get", "/download/ltkg.nq"): Example(answers={N_QUADS: DUMP_N_QUADS}),
    ("get", "/download/ltkg.trig"): Example(answers={TRIG: DUMP_TRIG}),
    ("get", "/download/ltkg.jsonld"): Example(answers={JSON_LD: DUMP_JSON_LD}),
    ("get", "/download/ltkg.ttl"): Example(answers={TURTLE: DUMP_TURTLE}),
    ("get", "/download/actions.csv"): Example(answers={CSV: ACTIONS_CSV}),
    ("get", "/.well-known/void"): Example(answers={TURTLE: VOID_TURTLE}),
    ("get", "/dataset"): Example(answers={TURTLE: VOID_TURTLE}),
    ("get", "/id/{kind}/{slug}"): Example({"kind": "action", "slug": "langer-thuis-2.6"}, status=303,
                                          headers={"Location": "/doc/action/langer-thuis-2.6"}),
    ("get", "/def/{term}"): Example({"term": "Action"}, status=303, headers={"Location": "/doc/def/Action"}),
    ("get", "/doc/{kind}/{slug}"): Example({"kind": "action", "slug": "langer-thuis-2.6"},
                                           {HTML: ACTION_HTML, TURTLE: ACTION_TURTLE}),
    ("get", "/def/"): Example(answers={TURTLE: ONTOLOGY_TURTLE}),
    ("get", "/sources/"): Example(answers={HTML: SOURCES_HTML}),
    ("get", "/sources/{name}"): Example({"name": "2018-langer-thuis-plan-van-aanpak.txt"}, {TEXT: SOURCE_TEXT}),
}
