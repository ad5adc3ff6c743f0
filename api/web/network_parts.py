"""The pieces of the party–action views (who owns what, a party's network): how an action, a party and
a participation are drawn (colour, size, label, Dutch tooltip with the source quote, link), the filters
and the legend. Everything is read from the graph: the roles, programmes, party types and documents.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from api.rest.metrics import metrics_of
from api.rest.participations import Action, Label, Participation, Participations, slug
from api.rest.shapes import natural_key
from api.web.network_page import BRIDGE_BORDER, COMMUNITY_COLOURS, PROGRAMME_COLOURS, community_colour, role_style


@dataclass
class Parts:
    """What drawing the nodes of one view needs, computed once per view."""

    data: Participations
    links: list[Participation]  # those drawn
    metrics: dict[str, dict] = field(init=False)
    colours: dict[str, str] = field(init=False)
    names: dict[str, str] = field(init=False)  # role -> its Dutch label
    roles: list[str] = field(init=False)
    per_action: dict[str, dict[str, list[str]]] = field(init=False)
    action_sources: dict[str, list[dict]] = field(init=False)
    initiators_drawn: int = 0  # initiator links a view drew (api/web/network.py add_initiators)

    def __post_init__(self):
        data = self.data
        self.metrics = {"party/" + p["id"]: p for p in metrics_of(data)["parties"]}
        self.colours = {p: PROGRAMME_COLOURS[i % len(PROGRAMME_COLOURS)] for i, p in enumerate(data.of_kind("programme"))}
        self.roles = data.roles()
        # a role's key is its local name (lead); its name in the page's language (English), the Dutch in the glossary
        self.names = {role: (data.labels.get(role) or Label()).en or data.label(role) for role in self.roles}
        self.per_action = defaultdict(lambda: defaultdict(list))
        self.action_sources = defaultdict(list)
        for link in data.links:  # the tooltip of an action names all its parties, drawn or not
            self.per_action[link.action][link.role].append(self.party_label(link.party))
            self.action_sources[link.action] += [s for s in link.sources if s not in self.action_sources[link.action]]

    # -- labels and tooltips ------------------------------------------------------------------------------
    def party_name(self, party: str) -> str:
        about = self.data.parties.get(party)
        return about.name if about and about.name else slug(party)

    def party_label(self, party: str) -> str:
        """The name, or for a long one the id if it is an abbreviation (VWS), else the name cut short."""
        name = self.party_name(party)
        if len(name) <= 26:
            return name
        if len(slug(party)) <= 8:
            return slug(party).upper()
        return name[:24] + "…"

    def action_tooltip(self, action: Action) -> str:
        data = self.data
        lines = [f"Action {data.action_label(action)} ({data.label(action.programme)})"]
        if action.title:
            lines.append(f"“{plain(action.title)}”")
        if action.action_line:
            lines.append(f"Action line: “{data.label(action.action_line)}”")
        for role, parties in self.per_action[action.id].items():
            lines.append(f"{self.names.get(role, role)}: {', '.join(parties)}")
        lines += initiative_lines(data, action)
        return "\n".join(lines + quote_lines(self.action_sources[action.id]))

    def party_tooltip(self, party: str) -> str:
        data, figures = self.data, self.metrics.get(party)
        about = data.parties.get(party)
        lines = [self.party_name(party)]
        if about and about.type:
            lines.append(f"Type: {english(data, about.type)}")
        if figures:
            lines.append(" · ".join(f"{self.names.get(r, r)}: {n}" for r, n in figures["actions"].items() if n))
            programmes = ", ".join(data.short("programme/" + p) for p in figures["programmes"])
            lines.append(f"Programmes: {programmes}" + (" (bridges programmes)" if figures["bridges"] else ""))
            community = figures["community"] + 1 if figures["community"] is not None else "–"
            lines.append(f"Community {community} · betweenness {figures['betweenness']['partyAction']:.3f} "
                         "(see the glossary, ?)")
        lines.append("Click: this party's network")
        return "\n".join(lines)

    def led(self, party: str) -> int:
        figures = self.metrics.get(party)
        return figures["actions"].get("lead", 0) if figures else 0

    # -- nodes and edges ----------------------------------------------------------------------------------
    def add_action(self, graph, action: Action, **extra) -> None:
        label = self.data.action_label(action)
        graph.add_node(action.id, label=label, shape="box", kind="action:" + slug(action.programme),
                       color={"background": self.colours.get(action.programme, "#cccccc"), "border": "#555"},
                       font={"size": 14}, url="/id/" + action.id, search=f"{label} {action.title}"[:90],
                       name=f"{label} {action.title}".strip(),
                       keywords=" ".join(sorted(self.data.label(i) for i in action.initiatives)),
                       title=self.action_tooltip(action),
                       facets={"programme": [slug(action.programme)], "actionline": [slug(action.action_line)],
                               "theme": sorted(slug(t) for t in action.themes)}, **extra)

    def add_party(self, graph, party: str, **extra) -> None:
        about = self.data.parties.get(party)
        figures = self.metrics.get(party)
        bridges = bool(figures and figures["bridges"])
        community = figures["community"] if figures else None
        graph.add_node(party, label=self.party_label(party), shape="diamond" if about and about.collective else "dot",
                       value=1 + self.led(party), kind="party", flags=["bridge"] * bridges + [community_flag(community)],
                       color={"background": community_colour(community), "border": BRIDGE_BORDER if bridges else "#444"},
                       borderWidth=4 if bridges else 1, url="/viz/party/" + slug(party),
                       search=self.party_name(party), title=self.party_tooltip(party),
                       facets={"partytype": [slug(about.type) if about and about.type else "none"]},
                       **{"needsEdge": True, **extra})

    def add_link(self, graph, link: Participation) -> None:
        style = role_style(link.role, self.roles)
        action = self.data.actions[link.action]
        text = [f"{self.party_name(link.party)}: {self.names.get(link.role, link.role)} of action "
                f"{self.data.action_label(action)}"] + quote_lines(link.sources)
        graph.add_edge(link.party, link.action, key=link.role, role=link.role, title="\n".join(text),
                       dashes=style["dashes"], width=style["width"], color=style["color"],
                       facets={"role": [link.role], "document": sorted({s["document"] for s in link.sources})})

    # -- filters and legend -------------------------------------------------------------------------------
    def filters(self, actions: list[Action], keys: tuple[str, ...] = ("programme", "actionline", "theme", "document",
                                                                     "partytype", "role")) -> list[dict]:
        data, links = self.data, self.links

        def options(counts: Counter, label, order=None) -> list[dict]:
            ordered = order if order is not None else sorted(counts, key=natural_key)
            return [{"value": k, "label": label(k), "count": counts.get(k, 0), "lang": "nl"} for k in ordered]

        def line_name(k: str) -> str:
            line = data.labels.get("actionline/" + k)
            return f"{data.short(line.programme) if line else ''} {line_text(data, 'actionline/' + k)}"

        programmes = Counter(slug(a.programme) for a in actions)
        parties = {link.party for link in links}
        types = Counter(slug(data.parties[p].type) if data.parties.get(p) and data.parties[p].type else "none"
                        for p in parties)
        found = {
            "programme": ("Programme", options(programmes, lambda k: data.short("programme/" + k),
                                               [slug(p) for p in data.of_kind("programme") if slug(p) in programmes])),
            "actionline": ("Action line", options(Counter(slug(a.action_line) for a in actions if a.action_line), line_name)),
            # every theme, those without actions too: one of them opens its neighbourhood
            "theme": ("Theme", options(Counter(slug(t) for a in actions for t in a.themes), lambda k: data.label("theme/" + k),
                                       sorted((slug(t) for t in data.of_kind("theme")),
                                              key=lambda k: data.label("theme/" + k).casefold()))),
            "document": ("Document", options(Counter(s["document"] for link in links for s in link.sources), lambda k: k)),
            "partytype": ("Party type", options(types, lambda k: data.label("party-type/" + k))),
            "role": ("Role", options(Counter(link.role for link in links) + self.initiator_roles(actions),
                                     lambda k: self.names.get(k, k) if k != INITIATOR else INITIATOR_LABEL,
                                     self.roles + [INITIATOR] * bool(data.initiators))),
        }
        return [{"key": key, "label": found[key][0], "options": found[key][1]} for key in keys]

    def initiator_roles(self, actions: list[Action]) -> Counter:
        """The initiators drawn beside these actions' view (added by the view that draws them)."""
        return Counter({INITIATOR: self.initiators_drawn}) if self.initiators_drawn else Counter()

    def legend(self) -> list[dict]:
        data = self.data
        out: list[dict] = [{"heading": "Actions:"}]
        out += [{"kind": "action:" + slug(p), "label": f"{data.short(p)} ({data.label(p)})", "lang": "nl",
                 "color": self.colours.get(p), "shape": "box"} for p in data.programmes_with_actions()]
        out += [{"heading": "Parties:"}, {"kind": "party", "label": "party", "color": "#dddddd"},
                {"flag": "bridge", "label": "bridges programmes", "shape": "ring"}]
        communities = sorted({m["community"] for m in self.metrics.values() if m["community"] is not None})
        out += [{"flag": community_flag(c), "label": f"community {c + 1}", "color": community_colour(c)}
                for c in communities if c < len(COMMUNITY_COLOURS)]
        if any(c >= len(COMMUNITY_COLOURS) for c in communities):
            out.append({"flag": community_flag(None), "label": "smaller communities", "color": community_colour(None)})
        out += [{"heading": "Roles:"}]
        out += [{"role": role, "label": self.names.get(role, role), **role_style(role, self.roles)}
                for role in self.roles]
        if self.data.initiators:
            out.append({"role": INITIATOR, "label": INITIATOR_LABEL, **role_style(INITIATOR, self.roles)})
        return out


INITIATOR = "initiator"  # not a role in an action: a programme's initiator (IZA, GALA and TAZ name only these)
INITIATOR_LABEL = "initiator of the programme"


def community_flag(number: int | None) -> str:
    """The legend's key of a community: its number, or one key for all beyond the palette."""
    return f"community:{number}" if number is not None and number < len(COMMUNITY_COLOURS) else "community:other"


INITIATIVE_RELATIONS = {"restson": "rests on", "mentions": "mentions"}


def initiative_lines(data: Participations, action: Action) -> list[str]:
    """"Laws, schemes and initiatives it rests on: “Wet langdurige zorg” (law); …", one line per relation."""
    out = []
    for relation, verb in INITIATIVE_RELATIONS.items():
        names = sorted((initiative_name(data, i) for i, rels in action.initiatives.items() if relation in rels),
                       key=str.casefold)
        if names:
            out.append(f"Laws, schemes and initiatives it {verb}: " + "; ".join(names))
    return out


def initiative_name(data: Participations, initiative: str) -> str:
    found = data.labels.get(initiative)
    kind = found.kind if found else ""
    return f"“{data.label(initiative)}” ({english(data, kind)})" if kind else f"“{data.label(initiative)}”"


def quote_lines(sources: list[dict], limit: int = 2) -> list[str]:
    out = []
    for source in sources[:limit]:
        first, last = source["lines"]
        lines = f"{first}–{last}" if last != first else str(first)
        out.append(f"Source: {source['document']}, line {lines}: “{plain(source['quote'])}”")
    return out


def line_text(data: Participations, line: str) -> str:
    """"1. ondersteuning en zorg thuis": an action line's number and its name, cut short."""
    if not line:
        return "(no action line)"
    label = data.labels.get(line)
    number = label.number if label and label.number is not None else slug(line).rpartition("-")[2]
    text = data.label(line)
    return f"{number}. {text[:34] + '…' if len(text) > 35 else text}"


def english(data: Participations, ident: str) -> str:
    """A label in the page's language where the graph has one, else as the graph gives it."""
    found = data.labels.get(ident)
    return (found.en if found and found.en else "") or data.label(ident)


def plain(text: str) -> str:
    """A quote's text without the markdown emphasis, links and curly quotes a source may carry (a tooltip marks
    its quotes by “…”)."""
    text = re.sub(r"\*\*(.+?)\*\*|__(.+?)__", lambda m: m.group(1) or m.group(2), text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    return text.replace("“", "‘").replace("”", "’")
