"""Positions for the network views, computed on the server and deterministic: the same graph gives the
same picture. Units are vis-network's (pixels at zoom 1).

- blocks(): who owns what. Each programme's actions in rows (one row per action line), the programme
  blocks stacked; parties in bands around them at the mean x of their actions: a party of the first
  programme only above it, a party of another single programme below its block, a party bridging
  programmes between the blocks of the first two it bridges. Within a band, parties are packed into
  rows (the weightiest nearest the actions) so that no two labels overlap.
- rings(): one party's network: the party in the centre, each further step on a wider ring, ordered.
"""
from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass

ACTION_GAP = 90  # between the centres of two actions in a row
ROW_GAP = 40  # between rows of actions
PARTY_ROW_GAP = 36
BAND_GAP = 62  # between a band of parties and a block of actions (room for a large node and its label)
PAD = 10  # between two party labels


@dataclass
class Placed:
    id: str
    width: float  # of its label, estimated


@dataclass
class Party(Placed):
    band: int  # -1: above the first block; i: below block i
    actions: Sequence[str] = ()
    weight: tuple = ()


def label_width(text: str, font: float = 14, size: float = 0) -> float:
    """About how wide a node is drawn: its label (or a dot of the given size, if wider)."""
    return max(40.0, len(text) * font * 0.56 + 12, 2 * size + 8)


def blocks(programmes: Sequence[Sequence[Sequence[Placed]]], parties: Sequence[Party],
           headings: Sequence[Sequence[Placed | None]] = ()) -> dict[str, tuple[float, float]]:
    """Positions of actions (programmes[i][row] = the actions of a row, side by side by their widths), parties and row headings
    (headings[i][row] = the heading node of that row, placed left of it)."""
    pos: dict[str, tuple[float, float]] = {}
    by_band: dict[int, list[Party]] = {}
    for party in parties:
        by_band.setdefault(party.band, []).append(party)
    widest = max((row_width(row) for rows in programmes for row in rows), default=ACTION_GAP)
    left = -widest / 2

    y = 0.0
    action_x: dict[str, float] = {}
    block_rows: list[list[float]] = []
    for rows in programmes:  # first the actions, so that parties know where their actions are
        ys = []
        for row in rows:
            x = left
            for action in row:
                action_x[action.id] = x + action.width / 2
                x += action.width + PAD
            ys.append(y)
            y += ROW_GAP
        block_rows.append(ys)
        y += 2 * BAND_GAP  # placeholder gap; parties between blocks shift what follows
    shift = 0.0
    placed_rows: dict[int, int] = {}
    # Band -1 (above the first block) grows upwards; every other band downwards, pushing later blocks down.
    span = (left - 2 * ACTION_GAP, left + widest + 2 * ACTION_GAP)  # bands as wide as the widest row, and a bit
    above = pack(by_band.get(-1, []), action_x, span)
    for row_number, row in enumerate(above):
        for party, x in row:
            pos[party.id] = (x, -BAND_GAP - row_number * PARTY_ROW_GAP)
    placed_rows[-1] = len(above)
    for number, rows in enumerate(programmes):
        for row_index, row in enumerate(rows):
            ry = block_rows[number][row_index] + shift
            for action in row:
                pos[action.id] = (action_x[action.id], ry)
            heading = headings[number][row_index] if number < len(headings) and row_index < len(headings[number]) else None
            if heading is not None:
                pos[heading.id] = (left - PAD * 2 - heading.width / 2, ry)  # vis centres a label
        band = pack(by_band.get(number, []), action_x, span)
        base = (block_rows[number][-1] if block_rows[number] else 0) + shift + BAND_GAP + PARTY_ROW_GAP / 2
        for row_number, row in enumerate(band):
            for party, x in row:
                pos[party.id] = (x, base + row_number * PARTY_ROW_GAP)
        shift += max(0, len(band) * PARTY_ROW_GAP - BAND_GAP)
    return pos


def row_width(row: Sequence[Placed]) -> float:
    return sum(p.width for p in row) + PAD * (len(row) - 1)


def pack(parties: Sequence[Party], action_x: dict[str, float],
         span: tuple[float, float] | None = None) -> list[list[tuple[Party, float]]]:
    """Rows of (party, x): each party as near the mean x of its actions as its row allows (and within
    span, if given), the weightiest placed first and so nearest the actions; a party that fits nowhere
    within reach opens a new row."""
    rows: list[list[tuple[float, float]]] = []  # each row's taken intervals, sorted
    out: list[list[tuple[Party, float]]] = []
    for party in sorted(parties, key=lambda p: (p.weight, p.id)):
        xs = [action_x[a] for a in party.actions if a in action_x]
        want = sum(xs) / len(xs) if xs else 0.0
        reach = max(3 * party.width, 3 * ACTION_GAP) if span is None else span[1] - span[0]
        for number in range(len(rows) + 1):
            if number == len(rows):
                rows.append([])
                out.append([])
            x = free_spot(rows[number], want, party.width, reach, span)
            if x is not None:
                half = party.width / 2 + PAD / 2
                bisect.insort(rows[number], (x - half, x + half))
                out[number].append((party, x))
                break
    return out


def free_spot(taken: list[tuple[float, float]], want: float, width: float, reach: float,
              span: tuple[float, float] | None = None) -> float | None:
    """The x nearest `want` (within reach, and span) where an interval of width fits among the taken ones
    (sorted, not overlapping): the gaps between them are tried outwards from `want`."""
    half = width / 2 + PAD / 2
    low, high = span if span is not None else (-math.inf, math.inf)
    edges = [low] + [v for interval in taken for v in interval] + [high]  # gap k is edges[2k]..edges[2k+1]

    first = bisect.bisect_left(taken, (want, want))  # gap k lies before taken[k]; want is in gap first or next to it
    best = None
    for step in range(len(taken) + 1):
        nearest = math.inf  # how near want any gap of this step comes: further steps come no nearer
        for gap in (first - 1 - step, first + step):
            if not 0 <= gap <= len(taken):
                continue
            a, b = edges[2 * gap] + half, edges[2 * gap + 1] - half
            near = 0.0 if a <= want <= b else min(abs(a - want), abs(b - want))
            nearest = min(nearest, near)
            if a <= b and near <= reach and (best is None or near < abs(best - want)):
                best = min(max(want, a), b)
        if nearest > reach or (best is not None and nearest >= abs(best - want)):
            break
    return best


def rings(levels: Sequence[Sequence[str]], gap: float = 150.0, aspect: float = 1.9) -> dict[str, tuple[float, float]]:
    """levels[0] in the centre (one node), levels[k] evenly on the k-th of a series of ellipses (as wide
    as a screen: `aspect` times wider than high), each at least `gap` further out and long enough to give
    every node about 62 units; in the given order, starting at the top and going clockwise."""
    pos: dict[str, tuple[float, float]] = {}
    radius = 0.0
    for depth, nodes in enumerate(levels):
        if depth == 0:
            for node in nodes:
                pos[node] = (0.0, 0.0)
            continue
        # the perimeter of an ellipse with half-axes aspect*r and r is about pi*r*(aspect + 1)
        radius = max(radius + gap, len(nodes) * 62 / (math.pi * (aspect + 1)))
        for index, node in enumerate(nodes):
            angle = -math.pi / 2 + 2 * math.pi * index / max(1, len(nodes))
            pos[node] = (round(aspect * radius * math.cos(angle), 1), round(radius * math.sin(angle), 1))
    return pos
