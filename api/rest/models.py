"""The shapes of the REST answers, as pydantic models: each route declares its model (FastAPI's
`response_model`, which puts it into /openapi.json under components/schemas) and makes its answer through
it (api/rest/routing.py validates what the shapes build and writes the model's dump), so the documented
schema and the answer cannot drift apart.

One shape per concept: a party, programme or other entity named inside an answer is a `Ref` {id, name}
wherever it appears; a source is a `Citation` or an `Editorial` assertion, told apart by `kind`; a period is
a `Period` {text, from, to, sources}. `id` is an entity's slug, unique within its kind (a party and a theme
may share one); `iri` is global. Keys are always present; a value that is unknown is null.
"""
from __future__ import annotations

from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


# -- sources ------------------------------------------------------------------------------------------
class Citation(Model):
    """A fact's source in a document: its id, the lines [first, last] and the verbatim quote."""
    kind: Literal["citation"]
    document: str | None
    lines: list[int | None]
    quote: str


class Editorial(Model):
    """A fact the project's editors assert (not a document), with their rationale."""
    kind: Literal["editorial"]
    id: str | None
    rationale: str


Source = Annotated[Citation | Editorial, Field(discriminator="kind")]


class Text(Model):
    """A text (a note, a statement) with its language tag where it has one, and its sources."""
    text: str
    lang: str | None = None
    sources: list[Source]


# -- references ---------------------------------------------------------------------------------------
class Ref(Model):
    """Another entity named in an answer: its id (within its kind) and name."""
    id: str
    name: str | None


class NamedRef(Ref):
    """A reference with the English name beside the Dutch one."""
    nameEn: str | None = None


class SourcedRef(Ref):
    """A reference with the sources of the link to it."""
    sources: list[Source]


class ItemRef(Model):
    """An action, action line, programme ... that links to this entity, with the sources of the link."""
    id: str
    type: str | None
    name: str | None
    notation: str | None = None
    programme: str | None = None
    sources: list[Source] = []
    editorial: bool | None = None


class Period(Model):
    """When something runs: the text as written, the first and last years where the text states them."""
    text: str | None
    from_: str | None = Field(None, alias="from")
    to: str | None = None
    sources: list[Source]


# -- programmes, actions, parties -----------------------------------------------------------------------
class Goal(Model):
    id: str
    iri: str
    number: int | None
    text: str | None


class ActionLine(Model):
    id: str
    iri: str
    number: int | None
    name: str | None
    goals: list[Goal]


class Programme(Model):
    """A programme or agreement with its period, signatories, action lines and their goals."""
    id: str
    iri: str
    name: str | None
    period: Period | None
    signatories: list[Ref]
    actionLines: list[ActionLine]


class NumberedRef(Ref):
    number: int | None


class GoalRef(Model):
    id: str
    number: int | None
    text: str | None


class Milestone(Model):
    id: str
    text: str | None
    date: str | None


class Roles(Model):
    """The parties of an action by role (each a Ref), or the actions of a party by role."""
    leads: list[Ref]
    partners: list[Ref]
    consulted: list[Ref]
    responsible: list[Ref]
    contributors: list[Ref]
    commissioners: list[Ref]
    involved: list[Ref]


class ActionFacts(Model):
    id: str
    iri: str
    programme: Ref | None
    actionLine: NumberedRef | None
    goal: GoalRef | None
    number: int | None
    notation: str | None
    title: str | None
    label: str | None
    milestone: Milestone | None
    sources: list[Source]


class Action(Roles, ActionFacts):  # the facts' keys first (pydantic takes the last base's fields first)
    """An action with its programme, action line, goal, milestone, parties by role and sources."""


class Party(Model):
    """A party (an organisation, or a collective of them) as listed."""
    id: str
    iri: str
    name: str | None
    altNames: list[str]
    type: str | None
    typeName: str | None
    collective: bool


class PartyDetail(Roles, Party):
    """A party with the actions it takes part in, by role (each a Ref to the action), and its members."""
    members: list[Ref]
    memberOf: list[Ref]
    sameAs: list[str] = Field(description="its TOOI IRI and Wikidata item, where the editors linked it (issue 18)")
    oin: str | None = Field(description="its OIN (twenty digits), from the register of government organisations")
    kvkNumber: str | None = Field(description="its Chamber of Commerce number, from the same register")


# -- the landscape --------------------------------------------------------------------------------------
class Amount(Model):
    value: int | float | None
    currency: str | None
    basis: str | None
    fromYear: str | None
    toYear: str | None
    text: str | None


class Claim(Model):
    id: str
    kind: str | None
    statement: str | None
    amount: Amount | None
    date: str | None
    sources: list[Source]


class InitiativeLink(Ref):
    relation: str
    sources: list[Source]


class Regulation(Model):
    """An initiative of a regulation kind (law, scheme, agreement, covenant)."""
    id: str
    iri: str
    name: str | None
    nameEn: str | None
    altNames: list[str]
    kind: NamedRef | None
    notes: list[Text]
    restingOnIt: list[ItemRef]
    claims: list[Claim]
    sameAs: list[str] = Field(description="a law's LiDO IRI, where the editors linked it (issue 18)")
    pages: list[str] = Field(description="a law's wetten.overheid.nl address")
    bwbId: str | None = Field(description="a law's id in the national law database (BWB)")
    sources: list[Source]


class Initiative(Regulation):
    """A named initiative (law, scheme, programme, campaign ...) with who runs it and what refers to it."""
    runBy: list[SourcedRef]
    fundedBy: list[SourcedRef]
    period: Period | None
    mentionedBy: list[ItemRef]
    continues: list[InitiativeLink]
    continuedBy: list[InitiativeLink]


class Theme(Model):
    id: str
    iri: str
    name: str | None
    nameEn: str | None
    altNames: list[str]
    origins: list[str]
    notes: list[Text]
    coverageInPlans: list[Text]
    related: list[SourcedRef]
    indicators: list[SourcedRef]
    whiteSpots: list[SourcedRef]
    programmes: list[str]
    actions: list[ItemRef]
    sources: list[Source]


class RegionalPlan(NamedRef):
    number: int | None
    sources: list[Source]


class Region(Model):
    id: str
    iri: str
    name: str | None
    nameEn: str | None
    notes: list[Text]
    regionalPlans: list[RegionalPlan]
    sources: list[Source]


class LineageLink(Ref):
    editorial: bool
    sources: list[Source]
    evidence: list[Source] | None = None
    evidenceStrength: str | None = None


class Continuation(NamedRef):
    editorial: bool
    sources: list[Source]
    earlier: ItemRef | None
    later: ItemRef | None
    evidenceStrength: str | None = None  # stated, named-in-both or passing-mention
    statedBy: list[Source] = []  # the documentary statements (citations) that state it


class InitiativeContinuation(Model):
    id: str
    side: str
    relation: str
    other: Ref
    sources: list[Source]


class Lineage(Model):
    """A programme's lineage: part of (documentary), succession (editorial), continuations of actions."""
    id: str
    iri: str
    name: str | None
    nameEn: str | None
    partOf: list[LineageLink]
    parts: list[LineageLink]
    succeeds: list[LineageLink]
    succeededBy: list[LineageLink]
    continuations: list[Continuation]
    initiatives: list[InitiativeContinuation]


class Open(BaseModel):
    """A part of a larger answer whose every key is documented in the route's description; more may come."""
    model_config = ConfigDict(extra="allow")


class ComparisonCell(Model):
    statements: list[Text]
    mentions: list[SourcedRef]
    reading: list[Source]


class ComparisonTheme(NamedRef):
    iri: str
    cells: dict[str, ComparisonCell] = Field(description="by programme id (iza, gala, wozo, taz, unassigned)")
    sources: list[Source]


class Connection(Ref):
    iri: str
    programmes: list[Ref]
    statements: list[Text]
    mentions: list[SourcedRef]
    sources: list[Source]


class CoverageTheme(NamedRef):
    origins: list[str] = []
    sources: list[Source]


class CoverageRow(Open):
    """A row of the matrix: a theme (or, on the plan axes, a category or indicator) and its cells."""
    theme: CoverageTheme
    cells: list[dict[str, Any]]
    disagreement: dict[str, Any] | None = None
    coveredOutside: dict[str, Any] | None = None  # covered by programmes outside the graph, as the verdict says


class AddressedBy(Model):
    """A programme that the report says may address a white spot (its id), with the lines that say so."""
    programme: str
    sources: list[Source]


class WhiteSpotCandidate(NamedRef):
    """A possible white spot the 2024 report names, with the werkorganisatie's verdict or open question."""
    statements: list[Text]
    verdict: Text | None
    openQuestion: Text | None
    notes: list[Text]
    possiblyAddressedBy: list[AddressedBy]
    verdictRestsOn: list[dict[str, Any]] = []  # initiatives outside the graph's programmes the verdict relies on
    sources: list[Source]


class WhiteSpotComputed(Model):
    gap: bool
    programmes: list[str]
    coveringActions: dict[str, list[str]] = Field(description="the covering actions' ids, by programme id")
    basis: str


class WhiteSpot(Model):
    theme: CoverageTheme
    reportCandidates: list[WhiteSpotCandidate]
    computed: WhiteSpotComputed


class WhiteSpotCounts(Model):
    reportCandidates: int
    computedGaps: int
    both: int


class PartyMetrics(Model):
    id: str
    name: str
    type: str | None
    actions: dict[str, int] = Field(description="the number of actions per role")
    byProgramme: dict[str, dict[str, int]] = Field(description="per programme id, the number of actions per role")
    programmes: list[str]
    bridges: bool
    betweenness: dict[str, float]
    degree: dict[str, int]
    community: int | None
    component: int | None


class Group(Model):
    id: int
    size: int
    parties: list[str]
    actions: list[str] | None = None


class CoLeadership(Model):
    parties: list[str]
    actions: list[str]


class PartyMetricsAnswer(Model):
    parties: list[PartyMetrics]
    roles: list[str]
    communities: list[Group]
    components: list[Group]
    coLeadership: list[CoLeadership]


class ApiIndex(Model):
    """GET /api: the build the API answers from (also in every answer's X-LTKG-Version header) and its routes."""
    version: str | None = Field(description="the build's version: release+the first 12 hex digits of its "
                                            "N-Quads dump's SHA-256; null without a build")
    sha256: str | None = Field(description="the SHA-256 of the build's N-Quads dump (/download/ltkg.nq)")
    built: str | None = Field(description="when the build was made (ISO 8601, UTC)")
    quads: int | None
    openapi: str
    docs: str
    routes: list[str]


# -- pages --------------------------------------------------------------------------------------------
Item = TypeVar("Item")


class Page(Model, Generic[Item]):
    """A page of a list: `limit` items from `offset` of all `total` that pass the filters."""
    items: list[Item]
    total: int
    limit: int
    offset: int


class ProgrammePage(Page[Programme]):
    pass


class ActionPage(Page[Action]):
    pass


class PartyPage(Page[Party]):
    pass


class InitiativePage(Page[Initiative]):
    pass


class RegulationPage(Page[Regulation]):
    pass


class ThemePage(Page[Theme]):
    pass


class RegionPage(Page[Region]):
    pass


class ComparisonPage(Page[ComparisonTheme]):
    programmes: list[Ref]
    connections: list[Connection]


class WhiteSpotPage(Page[WhiteSpot]):
    counts: WhiteSpotCounts


class CoveragePage(Page[CoverageRow]):
    model_config = ConfigDict(extra="allow")
    axis: str
    basis: str
    columns: list[dict[str, Any]]
    choice: dict[str, Any]
    options: dict[str, list[NamedRef]]


# -- search (api/search/routes.py: /api/search, /api/search/suggest) -----------------------------------
class Matched(Model):
    name: str = Field(description="the name of the entity that matched")
    how: str = Field(description="name (the whole name), spelling (the same letters), stems (the same Dutch "
                                 "stems), words (every word of the query) or close spelling (a typing error)")


class EntityHit(Model):
    id: str = Field(description="the entity's IRI")
    label: str
    english: str | None = Field(None, description="its English name, where it has one")
    types: list[str] = Field(description="its classes (local names in the ltkg: vocabulary)")
    group: str = Field(description="party, action, initiative, programme, theme, region or other")
    score: float = Field(description="0-100: 100 the whole name, 95 the same letters, 90 the same stems")
    matched: Matched
    page: str = Field(description="the entity's page on this server")


class Citing(Model):
    citation: str = Field(description="the citation's IRI (the named graph of the facts resting on it)")
    firstLine: int
    lastLine: int
    facts: int = Field(description="how many statements the citation supports")


class PassageHit(Model):
    document: str = Field(description="the source's id, as in /sources/{document}.html")
    firstLine: int
    lastLine: int
    text: str = Field(description="the passage as written")
    marked: str = Field(description="the text with the matching words between ⟦ and ⟧")
    marks: list[list[int]] = Field(description="[start, end) of every matching word in text")
    citation: str | None = Field(None, description="the citation whose quote this is (a source line: none)")
    facts: list[Citing] = Field(description="the citations of the passage's lines and the facts each supports")
    page: str = Field(description="the source reader at the passage")


class SearchAnswer(Model):
    query: str
    entities: list[EntityHit]
    passages: list[PassageHit]


class Suggestion(Model):
    id: str
    label: str
    group: str
    matched: str
    page: str


class SuggestAnswer(Model):
    query: str
    suggestions: list[Suggestion]
