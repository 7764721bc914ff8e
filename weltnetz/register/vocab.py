"""The register's fixed vocabularies: kinds, statuses, continents. Slugs follow FACTS.md."""

import datetime as dt
import re

from django.db import models
from django.utils.translation import gettext_lazy as _


class RelationKind(models.TextChoices):
    STATE_PARTNERSHIP = "state_partnership", _("State partnership")
    MUNICIPAL_PARTNERSHIP = "municipal_partnership", _("Municipal partnership")
    COOPERATION = "cooperation", _("Cooperation")
    NETWORK_MEMBERSHIP = "network_membership", _("Network membership")
    JOINT_COMMISSION = "joint_commission", _("Joint commission")
    REPRESENTATION = "representation", _("Representation abroad")
    INSTITUTION = "institution", _("Institution")


class Status(models.TextChoices):
    ACTIVE = "active", _("active")
    DORMANT = "dormant", _("dormant")
    ENDED = "ended", _("ended")


class ActorKind(models.TextChoices):
    REGION = "region", _("Region")
    MUNICIPALITY = "municipality", _("Municipality")
    COUNTRY = "country", _("Country")
    NETWORK = "network", _("Network")
    INSTITUTION = "institution", _("Institution")
    OFFICE = "office", _("Office")
    PLACE = "place", _("Place")  # a national park, a memorial site


class Continent(models.TextChoices):
    EUROPE = "europe", _("Europe")
    ASIA = "asia", _("Asia")
    AFRICA = "africa", _("Africa")
    NORTH_AMERICA = "north_america", _("North America")
    SOUTH_AMERICA = "south_america", _("South America")
    OCEANIA = "oceania", _("Oceania")
    ANTARCTICA = "antarctica", _("Antarctica")


class Precision(models.TextChoices):
    """How much of a stored date the source actually states."""

    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")
    DECADE = "decade", _("decade")


def parse_partial_date(value: str | None) -> tuple[dt.date | None, str]:
    """ISO 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY' (as FACTS.md and the data files write dates) → (date, precision).

    Empty gives (None, day). Anything else raises ValueError, for the caller to report with its context.
    """
    if value is None or str(value).strip() == "":
        return None, Precision.DAY
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text)
    if not match or (match[3] and not match[2]):
        raise ValueError(f"'{text}' is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = int(match[1]), int(match[2] or 1), int(match[3] or 1)
    precision = Precision.DAY if match[3] else Precision.MONTH if match[2] else Precision.YEAR
    try:
        return dt.date(year, month, day), precision
    except ValueError:
        raise ValueError(f"'{text}' is not a valid date") from None


def parse_as_of(value: str) -> dt.date:
    """The day an "as of" question asks about: 'YYYY-MM-DD', or a bare year 'YYYY' meaning 31 December of it.

    Raises ValueError with a reason for the caller to report against its field.
    """
    text = str(value)
    if re.fullmatch(r"[0-9]{4}", text):
        if int(text) < 1:
            raise ValueError(f"'{text}' is not a year")
        return dt.date(int(text), 12, 31)
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        raise ValueError(f"'{text[:40]}' is not a date; expected YYYY-MM-DD or a year YYYY (the end of that year)")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a valid date; expected YYYY-MM-DD or a year YYYY") from None


def partial_date(day: dt.date | None, precision: str | None) -> str | None:
    """A stored date as precise as its source states it: '2015', '2024-07', '2024-07-17' (decades as the year)."""
    if day is None:
        return None
    if precision == Precision.DAY:
        return day.isoformat()
    if precision == Precision.MONTH:
        return day.strftime("%Y-%m")
    return f"{day.year:04d}"


class TwinningCategory(models.TextChoices):
    """The categories municipal partnership databases use (RGRE/CEMR); empty where the source names none."""

    PARTNERSHIP = "partnership", _("Partnership")
    FRIENDSHIP = "friendship", _("Friendship")
    CONTACT = "contact", _("Contact")
    PROJECT = "project", _("Project partnership")


# Topic slugs of FACTS.md with their German and English labels; loaded by a data migration.
TOPICS: list[tuple[str, str, str]] = [
    ("climate", "Klimaschutz", "Climate protection"),
    ("energy", "Energie", "Energy"),
    ("mobility", "Mobilität", "Mobility"),
    ("digital", "Digitalisierung", "Digitalisation"),
    ("ai", "Künstliche Intelligenz", "Artificial intelligence"),
    ("robotics", "Robotik", "Robotics"),
    ("greentech", "Green Tech", "Green tech"),
    ("health", "Gesundheit", "Health"),
    ("science", "Wissenschaft und Forschung", "Science and research"),
    ("education", "Bildung", "Education"),
    ("culture", "Kultur", "Culture"),
    ("youth", "Jugend", "Youth"),
    ("civil_society", "Zivilgesellschaft", "Civil society"),
    ("economy", "Wirtschaft", "Economy"),
    ("urban", "Stadtentwicklung", "Urban development"),
    ("development", "Entwicklungszusammenarbeit", "Development cooperation"),
    ("remembrance", "Gedenkarbeit", "Remembrance"),
    ("environment", "Umwelt und Naturschutz", "Environment and nature"),
    ("security", "Sicherheit und Justiz", "Security and justice"),
    ("tourism", "Tourismus", "Tourism"),
]
