"""GET /api/metrics/parties: network measures of every party, computed with networkx from the
participations (api/rest/participations.py), on two graphs:

- the party–action graph: undirected, bipartite, a node per party and per action, an edge where the
  party has any role in the action;
- the co-involvement graph: a node per party, an edge between two parties that take part (any role)
  in at least one common action, weighted by the number of such actions.

The same figures size and colour the network views (api/web/): node size by actions led, community
colours, the "bridges" highlight. Every figure is deterministic: the same graph gives the same numbers.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from api.http import problems
from api.http.cache import cached_json
from api.rest import models
from api.rest.participations import Participations, load, slug
from api.rest.routing import only
from api.rest.shapes import natural_key

router = APIRouter(tags=["REST: landscape"])

LOUVAIN_SEED = 42
EXACT_BETWEENNESS = 1000  # nodes; above this, betweenness is estimated (seeded) from SAMPLED_SOURCES sources
SAMPLED_SOURCES = 100

# What each figure means; the OpenAPI description of the route is made from these.
MEANING = {
    "actions": "number of actions per role (every role the graph holds: lead, partner, responsible, involved, …), "
               "all programmes together",
    "byProgramme": "the same counts per programme id",
    "programmes": "the programmes in whose actions the party has any role",
    "bridges": "true when the party takes part in actions of more than one programme",
    "betweenness.partyAction": "normalised betweenness centrality on the party–action graph (undirected; a node per "
                               "party and per action, an edge for any role): the share of shortest paths between "
                               "other nodes that pass through this party",
    "betweenness.coInvolvement": "normalised betweenness centrality on the co-involvement graph (parties, linked when "
                                 "they share an action; unweighted)",
    "betweenness (both)": f"exact up to {EXACT_BETWEENNESS} nodes; above, estimated from {SAMPLED_SOURCES} sampled "
                          f"source nodes with a fixed seed (networkx betweenness_centrality k=, seed=)",
    "degree.coInvolvement": "number of other parties the party shares at least one action with",
    "community": f"community on the co-involvement graph: Louvain modularity (networkx louvain_communities, weight = "
                 f"shared actions, resolution 1, seed {LOUVAIN_SEED}); numbered by size, largest first",
    "component": "connected component of the party–action graph the party is in, numbered by size, largest first",
    "coLeadership": "pairs of parties that both lead (role lead) at least one common action, with those actions",
}


def party_action_graph(data: Participations):
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(sorted(data.parties), kind="party")
    graph.add_nodes_from(sorted(data.actions, key=natural_key), kind="action")
    graph.add_edges_from(sorted({(link.party, link.action) for link in data.links}))
    return graph


def co_involvement_graph(data: Participations):
    import networkx as nx

    members: dict[str, set[str]] = defaultdict(set)
    for link in data.links:
        members[link.action].add(link.party)
    weights: Counter = Counter()
    for parties in members.values():
        weights.update(combinations(sorted(parties), 2))
    graph = nx.Graph()
    graph.add_nodes_from(sorted(data.parties))
    for (a, b), shared in sorted(weights.items()):
        graph.add_edge(a, b, weight=shared)
    return graph


def betweenness(graph) -> dict[str, float]:
    import networkx as nx

    if graph.number_of_nodes() > EXACT_BETWEENNESS:
        return nx.betweenness_centrality(graph, k=SAMPLED_SOURCES, seed=LOUVAIN_SEED)
    return nx.betweenness_centrality(graph)


def numbered(groups) -> dict[str, int]:
    """Each member's group number, groups ordered by size (largest first), then by their first member."""
    ordered = sorted((sorted(g) for g in groups), key=lambda g: (-len(g), g[0]))
    return {member: number for number, group in enumerate(ordered) for member in group}


def party_metrics(data: Participations) -> dict:
    """{parties: [...], communities, components, coLeadership}: the figures of MEANING for every party
    that takes part in an action."""
    from networkx.algorithms.community import louvain_communities
    import networkx as nx

    active = sorted({link.party for link in data.links})
    bipartite = party_action_graph(data)
    bipartite.remove_nodes_from(set(data.parties) - set(active))
    co = co_involvement_graph(data).subgraph(active).copy()
    between_pa = betweenness(bipartite)
    between_co = betweenness(co)
    community = numbered(louvain_communities(co, weight="weight", seed=LOUVAIN_SEED)) if co.number_of_nodes() else {}
    component = numbered(nx.connected_components(bipartite))

    counts: dict[str, Counter] = defaultdict(Counter)
    per_programme: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for link in data.links:  # one per (action, party, role): participations.read() made them so
        programme = data.actions[link.action].programme if link.action in data.actions else ""
        counts[link.party][link.role] += 1
        per_programme[link.party][slug(programme)][link.role] += 1
    roles = data.roles()

    parties = []
    for party in active:
        programmes = sorted(p for p in per_programme[party] if p)
        about = data.parties.get(party)
        parties.append({
            "id": slug(party), "name": about.name if about else slug(party),
            "type": slug(about.type) if about and about.type else None,
            "actions": {role: counts[party][role] for role in roles},
            "byProgramme": {p: {role: per_programme[party][p][role] for role in roles} for p in programmes},
            "programmes": programmes, "bridges": len(programmes) > 1,
            "betweenness": {"partyAction": round(between_pa.get(party, 0.0), 6),
                            "coInvolvement": round(between_co.get(party, 0.0), 6)},
            "degree": {"coInvolvement": co.degree(party)},
            "community": community.get(party), "component": component.get(party),
        })
    parties.sort(key=lambda p: (-p["actions"].get("lead", 0), -p["betweenness"]["partyAction"], p["id"]))
    return {"parties": parties, "roles": roles,
            "communities": groups(community), "components": groups(component, actions=True),
            "coLeadership": co_leadership(data)}


def metrics_of(data: Participations) -> dict:
    """party_metrics(data), computed once per data."""
    if "parties" not in data.memo:
        data.memo["parties"] = party_metrics(data)
    return data.memo["parties"]


def groups(numbers: dict[str, int], actions: bool = False) -> list[dict]:
    """[{id, size, parties (, actions)}] of numbered groups (communities of parties, components)."""
    members: dict[int, list[str]] = defaultdict(list)
    for node, number in numbers.items():
        members[number].append(node)
    out = []
    for number, nodes in sorted(members.items()):
        group = {"id": number, "size": len(nodes), "parties": sorted(slug(n) for n in nodes if n.startswith("party/"))}
        if actions:
            group["actions"] = sorted((slug(n) for n in nodes if n.startswith("action/")), key=natural_key)
        out.append(group)
    return out


def co_leadership(data: Participations) -> list[dict]:
    leads: dict[str, set[str]] = defaultdict(set)
    for link in data.links:
        if link.role == "lead":
            leads[link.action].add(link.party)
    pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
    for action, parties in leads.items():
        for pair in combinations(sorted(parties), 2):
            pairs[pair].append(slug(action))
    return [{"parties": [slug(a), slug(b)], "actions": sorted(actions, key=natural_key)}
            for (a, b), actions in sorted(pairs.items(), key=lambda item: (-len(item[1]), item[0]))]


def description() -> str:
    return ("Network measures of every party that takes part in an action, computed with networkx. "
            "What each figure means:\n\n" + "\n".join(f"- `{name}`: {text}" for name, text in MEANING.items()))


@router.get("/metrics/parties", response_model=models.PartyMetricsAnswer, summary="Network measures of the parties: actions per role, betweenness, "
            "programmes bridged, communities, components, co-leadership", description=description(),
            responses=problems.responses(422, 503))
def parties_metrics(request: Request) -> Response:
    only(request)
    return cached_json(request, lambda: metrics_of(load(request)), models.PartyMetricsAnswer)
