"""estimate_for: the lookup's cell priced for the person's place (issue 15, item 4)."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from coach.errors import InputError
from coach.market import load_tables, lookup
from coach.market.estimate import estimate_for
from coach.market.normalize import normalize_place, place_index
from coach.market.tables import NATIONAL_AREA, PERCENTILES
from coach.money import format_usd
from coach.vocabulary import normalise, places
from tests.fuzz import profile

TABLES = load_tables()
# Roles with aijobs.net titles: a level asked for is their national cell, which the place
# then multiplies.
LEVELLED_ROLES = sorted(name for name, role in TABLES.roles.items() if role.titles and role.soc)
LEVELS = ["entry", "mid", "senior", "staff"]
# US metros and states (territories such as Puerto Rico are countries of their own in aijobs.net).
METROS_AND_STATES = sorted(
    area.name
    for area in TABLES.areas.values()
    if area.kind in ("metro", "state") and normalize_place(area.name, TABLES).country == "US"
)
FOREIGN_CITIES = sorted(
    (city, code) for code, cities in places().country_cities.items() for city in cities
)


def _oews_p50(area_code: str, soc: str) -> int | None:
    wage = TABLES.oews.get((area_code, soc))
    return wage.figures.get("p50") if wage else None


@profile(150)
@given(
    st.sampled_from(LEVELLED_ROLES),
    st.sampled_from(LEVELS),
    st.sampled_from(METROS_AND_STATES),
    st.sampled_from(METROS_AND_STATES),
)
def test_moving_a_location_moves_every_percentile_by_the_same_stated_ratio(
    role: str, level: str, first: str, second: str
) -> None:
    a = estimate_for(role, level, first, tables=TABLES)
    b = estimate_for(role, level, second, tables=TABLES)
    assume(a.unadjusted.get("p50") is not None)
    # The same national cell under both places; only the ratio differs.
    assert a.unadjusted == b.unadjusted and a.basis == b.basis
    for est in (a, b):
        soc = TABLES.roles[est.role].soc
        place = normalize_place(est.location, TABLES)
        place_p50 = _oews_p50(place.area_code or "", soc or "")
        national_p50 = _oews_p50(NATIONAL_AREA, soc or "")
        if place_p50 is None or national_p50 is None:
            assert est.location_ratio is None and est.percentiles() == est.unadjusted
            assert "not adjusted" in est.method
            continue
        ratio = est.location_ratio
        assert ratio is not None
        assert ratio.ratio == round(place_p50 / national_p50, 3)
        assert (ratio.place_median, ratio.national_median) == (place_p50, national_p50)
        for name in PERCENTILES:
            published = est.unadjusted[name]
            expected = None if published is None else round(published * ratio.ratio)
            assert getattr(est, name) == expected, name
        # The method states the ratio and both BLS medians it came from, in words.
        said_ratio = f"multiplied by {ratio.ratio:.3f}"
        for said in (said_ratio, format_usd(place_p50), format_usd(national_p50)):
            assert said in est.method


@profile(60)
@given(st.sampled_from(LEVELLED_ROLES), st.sampled_from([None, *LEVELS]))
def test_the_unadjusted_figures_are_the_lookups_own(role: str, level: str | None) -> None:
    est = estimate_for(role, level, "Boston", tables=TABLES)
    raw = lookup(role, level, "Boston", tables=TABLES)
    assert est.unadjusted == {p: getattr(raw, p) for p in PERCENTILES}
    assert est.basis == raw.basis and est.n == raw.n


def test_boston_and_raleigh_differ_for_the_same_role_and_level() -> None:
    boston = estimate_for("machine learning engineer", "senior", "Boston")
    raleigh = estimate_for("machine learning engineer", "senior", "Raleigh")
    assert boston.unadjusted == raleigh.unadjusted  # one national senior cell
    assert boston.p50 is not None and raleigh.p50 is not None
    assert boston.p50 > raleigh.p50
    # OEWS May 2025, Software Developers: Boston $166,090, Raleigh $132,770, US $135,980.
    assert boston.ratio == 1.221 and raleigh.ratio == 0.976


def test_the_places_own_cell_is_not_multiplied() -> None:
    est = estimate_for("software engineer", None, "Boston")
    assert est.location_ratio is None
    assert est.p50 == _oews_p50("0014460", "151252") == est.unadjusted["p50"]
    assert "place's own figures" in est.method


def test_national_and_remote_are_not_adjusted() -> None:
    for where in (None, "remote", "US"):
        est = estimate_for("ai engineer", "senior", where)
        assert est.location_ratio is None and est.percentiles() == est.unadjusted


@pytest.mark.parametrize(("city", "code"), FOREIGN_CITIES)
def test_a_foreign_city_is_its_country_never_a_us_place(city: str, code: str) -> None:
    place = normalize_place(city, TABLES)
    assert place.kind == "country" and not place.is_us and place.country == code
    country = TABLES.countries[code]
    typed = normalize_place(f"{city.title()}, {country}", TABLES)
    assert typed.kind == "country" and typed.country == code


@profile(200)
@given(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=20),
    # Countries whose name is a country here (Puerto Rico's is the US territory's OEWS area).
    st.sampled_from(
        sorted(
            code
            for code, name in TABLES.countries.items()
            if normalize_place(name, TABLES).kind == "country"
        )
    ),
)
def test_anything_followed_by_a_country_is_that_country(city: str, code: str) -> None:
    country = TABLES.countries[code]
    text = f"{city}, {country}"
    assume(normalise(city) and normalise(text) not in place_index(TABLES).places)
    place = normalize_place(text, TABLES)
    assert place.kind == "country" and place.country == code and not place.is_us


@pytest.mark.parametrize(
    "where", ["Sao Paulo, Brazil", "São Paulo", "Kraków", "Bengaluru", "Zürich", "Tel Aviv"]
)
def test_no_us_figure_or_band_is_shown_for_a_foreign_place(where: str) -> None:
    for role in ("software engineer", "ai engineer"):
        est = estimate_for(role, "senior", where)
        assert est.location_kind == "country" and est.location_ratio is None
        assert not [c for c in est.cells if c.source_id == "oews"]
        assert not [r for r in est.references if r.low is not None]  # US seed bands
        assert est.known or est.unknown_reason
        if est.known:
            assert est.n and est.n >= TABLES.min_n and "n=" in est.method


def test_a_us_metro_other_than_sf_gets_no_san_francisco_reference() -> None:
    dallas = estimate_for("software engineer", "senior", "Dallas")
    sf = estimate_for("software engineer", "senior", "SF")
    assert not any("San Francisco" in r.what for r in dallas.references)
    assert any("San Francisco" in r.what for r in sf.references)


def test_a_typed_us_place_after_a_comma_stays_that_place() -> None:
    assert normalize_place("Austin, USA", TABLES).name.startswith("Austin")
    with pytest.raises(InputError):
        normalize_place("Atlantis, USA", TABLES)


def test_premiums_are_a_stated_range_on_the_adjusted_median() -> None:
    est = estimate_for("ai engineer", "senior", "Raleigh", domain="fintech")
    plain = estimate_for("ai engineer", "senior", "Raleigh")
    assert est.percentiles() == plain.percentiles()  # never multiplied in
    (fintech,) = [p for p in est.premiums if p.kind == "domain"]
    assert est.p50 is not None
    assert (fintech.low, fintech.high) == (round(est.p50 * 1.2), round(est.p50 * 1.3))
    assert "guide" in fintech.source


def test_the_sf_premium_is_not_stacked_on_the_ratio() -> None:
    est = estimate_for("ai engineer", "senior", "SF")
    assert est.location_ratio is not None
    assert not [p for p in est.premiums if p.kind == "location"]
    assert any("not added on top" in n for n in est.notes)


def test_an_unknown_cell_says_why_in_the_method() -> None:
    est = estimate_for("software engineer", "senior", "Krakow")
    assert not est.known and est.method.startswith("Unknown: Withheld")
