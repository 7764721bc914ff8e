"""Start years from anniversaries and beginnings in German and English wording (issue #10)."""

from weltnetz_extract.dates import anniversary_start, find_dates


def test_an_anniversary_counts_from_the_year_it_is_celebrated_not_from_a_seit_year():
    text = "Seit 1963 ist Innsbruck Partnerstadt; im Jahr 2023 wurde das 60-jährige Jubiläum gefeiert."
    assert anniversary_start(text, None) == 1963


def test_the_celebration_year_nearest_the_anniversary_is_taken():
    assert anniversary_start("Zum 35-jährigen Jubiläum der Partnerschaft reiste er 2024 nach Japan.", 2020) == 1989


def test_english_years_of_partnership():
    assert anniversary_start("In 2025 Karlsruhe and Nancy celebrate 70 years of friendship.", None) == 1955


def test_vor_n_jahren_with_a_signing_and_the_document_year():
    text = "Vor 40 Jahren unterzeichneten die Bürgermeister beider Städte die Partnerschaftsurkunde."
    assert anniversary_start(text, 2021) == 1981
    assert anniversary_start("Vor 40 Jahren war hier noch ein Acker.", 2021) is None


def test_a_relation_n_years_old():
    assert anniversary_start("Die Partnerschaft mit Hubei wird in diesem Jahr 15 Jahre alt.", 2023) == 2008
    assert anniversary_start("Die Schülerin ist 15 Jahre alt.", 2023) is None


def test_english_country_names_are_places():
    from weltnetz_extract.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    for name, code in (("Russia", "RU"), ("Czechia", "CZ"), ("South Korea", "KR")):
        place = gaz.lookup(name)
        assert place is not None and place.country == code


def test_dates_in_order():
    assert [d.year for d in find_dates("gegründet 1972, gefeiert am 12. Oktober 2022")] == [1972, 2022]
