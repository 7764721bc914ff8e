"""The overview page's content, generated from the register so that counts and years never go stale."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise

from weltnetz.register.models import Actor, Relation, home_region
from weltnetz.register.vocab import Continent, RelationKind

# Continents in the order the overview lists them (the home continent first).
CONTINENT_ORDER = [
    Continent.EUROPE,
    Continent.ASIA,
    Continent.AFRICA,
    Continent.NORTH_AMERICA,
    Continent.SOUTH_AMERICA,
    Continent.OCEANIA,
    Continent.ANTARCTICA,
]


@dataclass
class ContinentGroup:
    continent: str
    label: str | Promise
    relations: list[Relation] = field(default_factory=list)


@dataclass
class Overview:
    home: Actor | None
    state_partnerships: list[Relation]
    by_continent: list[ContinentGroup]
    cooperations: list[Relation]
    networks: list[Relation]
    institutions: list[Relation]
    offices: list[Relation]

    @property
    def state_partnership_count(self) -> int:
        return len(self.state_partnerships)

    @property
    def dormant_count(self) -> int:
        return sum(1 for r in self.state_partnerships if r.status == "dormant")


def home_relations():
    """Published relations of the home region, ready for display (empty before the register is loaded).

    Bodies inside the home region (the Black Forest national park) keep relations of their own; the overview
    shows them too. Town twinnings are left to the twinning pages: there are thousands (see home_region_q).
    """
    try:
        home = home_region()
    except Actor.DoesNotExist:
        return None, Relation.objects.none()
    relations = Relation.objects.public().of_home_region()
    return home, relations.for_display().prefetch_related("partner__parent")


def build() -> Overview:
    """Group the home region's relations the way the overview page presents them."""
    home, relations = home_relations()
    by_kind: dict[str, list[Relation]] = {}
    # Sorted here, not in SQL: SQLite and PostgreSQL put unknown years (NULL) at different ends.
    ordered = sorted(relations, key=lambda r: (r.since is None, r.since or 0, r.partner.name.casefold()))
    for relation in ordered:
        by_kind.setdefault(relation.kind, []).append(relation)
    states = by_kind.get(RelationKind.STATE_PARTNERSHIP, [])
    groups = []
    for continent in CONTINENT_ORDER:
        members = [r for r in states if r.partner.continent == continent]
        if members:
            groups.append(ContinentGroup(continent.value, continent.label, members))
    others = [r for r in states if r.partner.continent not in Continent.values]
    if others:
        groups.append(ContinentGroup("", "", others))
    by_name = lambda rs: sorted(rs, key=lambda r: (r.title or r.partner.label).casefold())  # noqa: E731
    return Overview(
        home=home,
        state_partnerships=states,
        by_continent=groups,
        cooperations=by_name(
            by_kind.get(RelationKind.COOPERATION, []) + by_kind.get(RelationKind.JOINT_COMMISSION, [])
        ),
        networks=by_name(by_kind.get(RelationKind.NETWORK_MEMBERSHIP, [])),
        institutions=by_name(by_kind.get(RelationKind.INSTITUTION, [])),
        offices=by_name(by_kind.get(RelationKind.REPRESENTATION, [])),
    )
