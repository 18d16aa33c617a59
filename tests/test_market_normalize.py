"""The normalisation table: what people type -> canonical role, level and place."""

from __future__ import annotations

import pytest

from coach.errors import InputError
from coach.market import MarketTables, load_tables
from coach.market.normalize import normalize_level, normalize_place, normalize_role

ROLE_TABLE = [
    ("ML eng", "machine learning engineer", None),
    ("MLE", "machine learning engineer", None),
    ("machine learning engineer II", "machine learning engineer", "MI"),
    ("Machine-Learning Engineer", "machine learning engineer", None),
    ("machine lerning engineer", "machine learning engineer", None),
    ("AI/ML engineer", "machine learning engineer", None),
    ("LLM engineer", "ai engineer", None),
    ("GenAI engineer", "ai engineer", None),
    ("Senior AI Engineer", "ai engineer", "SE"),
    ("Sr. Data Engineer", "data engineer", "SE"),
    ("jr data analyst", "data analyst", "EN"),
    ("BI analyst", "data analyst", None),
    ("datascientist", "data scientist", None),
    ("Data Scientst", "data scientist", None),
    ("lead data scientist", "data scientist", "EX"),
    ("SWE", "software engineer", None),
    ("SDE III", "software engineer", "SE"),
    ("senior software engineer II", "software engineer", "SE"),
    ("backend developer", "software engineer", None),
    ("ML researcher", "research scientist", None),
    ("research scientist L6", "research scientist", "EX"),
    ("AI research engineer", "research engineer", None),
    ("ML scientist", "applied scientist", None),
    ("principal applied scientist", "applied scientist", "EX"),
    ("MLOps", "mlops engineer", None),
    ("ML platform engineer", "mlops engineer", None),
    ("EM", "engineering manager", None),
    ("E5 engineering manager", "engineering manager", "SE"),
    ("director of engineering", "engineering manager", None),
    ("PM", "product manager", None),
    ("AI product manager", "product manager", None),
    ("analytics engineer", "analytics engineer", None),
    ("data architect", "data architect", None),
    ("marketing manager", "marketing manager", None),
]


@pytest.fixture(scope="module")
def tables() -> MarketTables:
    return load_tables()


@pytest.mark.parametrize(("text", "role", "level"), ROLE_TABLE)
def test_role_table(tables: MarketTables, text: str, role: str, level: str | None) -> None:
    match = normalize_role(text, tables)
    assert match.role == role
    assert (match.level.code if match.level else None) == level


@pytest.mark.parametrize(
    "text",
    ["qa engineer", "bi engineer", "civil engineer", "project manager", "platform engineer",
     "web developer", "plumber"],
)  # fmt: skip
def test_near_miss_titles_are_not_forced_onto_a_role(tables: MarketTables, text: str) -> None:
    # Close spellings of other jobs ("qa engineer" ~ "ai engineer") must not borrow a figure.
    with pytest.raises(InputError, match="Unknown role"):
        normalize_role(text, tables)


def test_unknown_role_says_did_you_mean_with_the_closest_roles(tables: MarketTables) -> None:
    with pytest.raises(InputError) as err:
        normalize_role("data sciense guy", tables)
    assert "did you mean" in err.value.message and "'data scientist'" in err.value.message


def test_empty_role_is_an_input_error(tables: MarketTables) -> None:
    with pytest.raises(InputError, match="empty"):
        normalize_role("  ", tables)


LEVEL_TABLE = [
    ("entry", "EN", False),
    ("Junior", "EN", False),
    ("new grad", "EN", False),
    ("mid", "MI", False),
    ("Senior", "SE", False),
    ("sr", "SE", False),
    ("snior", "SE", True),
    ("staff", "EX", True),
    ("principal", "EX", True),
    ("lead", "EX", True),
    ("L3", "EN", True),
    ("L4", "MI", True),
    ("L5", "SE", True),
    ("L6", "EX", True),
    ("E4", "MI", True),
    ("E5", "SE", True),
    ("E7", "EX", True),
    ("IC2", "EN", True),
    ("IC3", "MI", True),
    ("IC4", "SE", True),
    ("IC5", "EX", True),
    ("ICT4", "SE", True),
    ("II", "MI", True),
    ("III", "SE", True),
    ("SE", "SE", False),
]


@pytest.mark.parametrize(("text", "code", "assumed"), LEVEL_TABLE)
def test_level_table_states_every_assumption(text: str, code: str, assumed: bool) -> None:
    level = normalize_level(text)
    assert level.code == code
    assert (level.assumption is not None) == assumed


@pytest.mark.parametrize("text", ["L12", "E9", "wizard", ""])
def test_unknown_level_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError):
        normalize_level(text)


PLACE_TABLE = [
    ("SF", "metro", "San Francisco-Oakland-Fremont, CA", "US"),
    ("Bay Area", "metro", "San Francisco-Oakland-Fremont, CA", "US"),
    ("san francisco", "metro", "San Francisco-Oakland-Fremont, CA", "US"),
    ("Silicon Valley", "metro", "San Jose-Sunnyvale-Santa Clara, CA", "US"),
    ("NYC", "metro", "New York-Newark-Jersey City, NY-NJ", "US"),
    ("New York", "metro", "New York-Newark-Jersey City, NY-NJ", "US"),
    ("New York state", "state", "New York", "US"),
    ("Seattle", "metro", "Seattle-Tacoma-Bellevue, WA", "US"),
    ("seatle", "metro", "Seattle-Tacoma-Bellevue, WA", "US"),
    ("Austin, TX", "metro", "Austin-Round Rock-San Marcos, TX", "US"),
    ("Boston", "metro", "Boston-Cambridge-Newton, MA-NH", "US"),
    ("LA", "metro", "Los Angeles-Long Beach-Anaheim, CA", "US"),
    ("Chicago", "metro", "Chicago-Naperville-Elgin, IL-IN", "US"),
    ("Denver", "metro", "Denver-Aurora-Centennial, CO", "US"),
    ("DC", "metro", "Washington-Arlington-Alexandria, DC-VA-MD-WV", "US"),
    ("Portland", "metro", "Portland-Vancouver-Hillsboro, OR-WA", "US"),
    ("Portland, ME", "metro", "Portland-South Portland, ME", "US"),
    ("Texas", "state", "Texas", "US"),
    ("WA", "state", "Washington", "US"),
    ("CA", "state", "California", "US"),
    ("Puerto Rico", "state", "Puerto Rico", "PR"),
    ("USA", "national", "United States", "US"),
    ("remote", "remote", "Remote (US)", "US"),
    ("Canada", "country", "Canada", "CA"),
    ("UK", "country", "United Kingdom", "GB"),
    ("GB", "country", "United Kingdom", "GB"),
    ("Germany", "country", "Germany", "DE"),
    ("London", "country", "United Kingdom", "GB"),
    ("Netherlands", "country", "Netherlands", "NL"),
]


@pytest.mark.parametrize(("text", "kind", "name", "country"), PLACE_TABLE)
def test_place_table(tables: MarketTables, text: str, kind: str, name: str, country: str) -> None:
    place = normalize_place(text, tables)
    assert (place.kind, place.name, place.country) == (kind, name, country)


@pytest.mark.parametrize(
    ("text", "note"),
    [("CA", "Canada"), ("Bay Area", "San Jose"), ("LA", "Louisiana"), ("Portland", "largest"),
     ("London", "countries, not cities"), ("seatle", "closest spelling")],
)  # fmt: skip
def test_ambiguous_places_state_the_reading(tables: MarketTables, text: str, note: str) -> None:
    place = normalize_place(text, tables)
    assert place.assumption and note in place.assumption


def test_unknown_place_says_did_you_mean(tables: MarketTables) -> None:
    with pytest.raises(InputError) as err:
        normalize_place("Atlantaa GA metro area", tables)
    assert "did you mean" in err.value.message and "Atlanta" in err.value.message


# Issue 15 added Tokyo to the cities read as their country (Japan), so it is no longer here.
@pytest.mark.parametrize("text", ["Atlantis", "Gotham", "Mars", "   "])
def test_places_without_data_are_input_errors(tables: MarketTables, text: str) -> None:
    with pytest.raises(InputError):
        normalize_place(text, tables)
