"""The project's own scorer follows FACTS.md's scoring rules, checked on small hand-made cases."""

import json

from weltnetz_extract.scoring import fold, headline, main, score_dirs, score_document

GOLD = {
    "relations": [
        {
            "kind": "state_partnership",
            "partner": "Kanagawa",
            "partner_aliases": ["Präfektur Kanagawa"],
            "country": "JP",
            "since": 1989,
            "status": "active",
            "topics": ["energy", "health"],
        },
        {
            "kind": "cooperation",
            "partner": "Niederschlesien",
            "alt_kinds": ["state_partnership"],
            "country": "PL",
            "since": None,
            "status": None,
            "topics": [],
        },
        {"kind": "cooperation", "partner": "USA", "country": "US", "optional": True, "topics": ["economy"]},
    ],
    "agreements": [{"title": "Erklärung", "partner": "Kanagawa", "date": "2024-07-17"}],
    "people": [{"name": "Winfried Kretschmann"}, {"name": "Yuji Kuroiwa"}],
}


def test_fold_ignores_case_diacritics_hyphens_quotes_and_brackets():
    assert fold("Burgund-Franche-Comté") == fold("burgund franche comte")
    assert fold("„Wrocław“ (Breslau)") == "wroclaw breslau"
    assert fold("Straße") == "strasse"


def test_alias_alt_kind_and_optional():
    pred = {
        "relations": [
            {
                "kind": "state_partnership",
                "partner": "Präfektur  KANAGAWA",
                "country": "JP",
                "since": 1989,
                "status": "active",
                "topics": ["energy", "ai"],
            },
            {"kind": "state_partnership", "partner": "Niederschlesien", "country": "PL"},
        ]
    }
    t, missed, extra = score_document(GOLD, pred)
    assert t.rel == [2, 0, 0]  # the optional USA is neither earned nor missed
    assert t.top == [1, 1, 1]
    assert t.since == [2, 2] and t.status == [2, 2]  # Niederschlesien: an absent value equals the gold null
    assert missed == [] and extra == []
    pred = {
        "relations": [
            {"kind": "state_partnership", "partner": "Kanagawa", "country": "JP", "since": 1990, "status": "dormant"},
        ]
    }
    t, missed, extra = score_document(GOLD, pred)
    assert t.rel == [1, 0, 1]
    assert t.top == [0, 0, 2]
    assert t.since == [0, 1] and t.status == [0, 1]
    assert missed == ["cooperation:Niederschlesien"] and extra == []


def test_wrong_country_or_kind_does_not_match():
    pred = {
        "relations": [
            {"kind": "cooperation", "partner": "Kanagawa", "country": "JP", "topics": ["energy"]},
            {"kind": "state_partnership", "partner": "Kanagawa", "country": "CN"},
        ]
    }
    t, missed, extra = score_document(GOLD, pred)
    assert t.rel == [0, 2, 2]
    assert t.top == [0, 1, 2]  # extra relation's topic is extra, missed relation's topics are missed
    assert missed == ["state_partnership:Kanagawa", "cooperation:Niederschlesien"]
    assert len(extra) == 2


def test_agreements_match_on_partner_and_date_where_both_give_one():
    assert score_document(GOLD, {"agreements": [{"partner": "Kanagawa", "date": "2024-07-17"}]})[0].agr == [1, 0, 0]
    assert score_document(GOLD, {"agreements": [{"partner": "Kanagawa", "date": None}]})[0].agr == [1, 0, 0]
    assert score_document(GOLD, {"agreements": [{"partner": "Kanagawa", "date": "2024"}]})[0].agr == [0, 1, 1]


def test_people_by_folded_name():
    t, _, _ = score_document(GOLD, {"people": [{"name": "winfried kretschmann"}, {"name": "Jemand Anders"}]})
    assert t.ppl == [1, 1, 1]


def test_directories_missing_and_broken_predictions_count_as_empty(tmp_path, capsys):
    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    gold_dir.mkdir()
    pred_dir.mkdir()
    (gold_dir / "a.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    (gold_dir / "b.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    (pred_dir / "a.json").write_text("{not json", encoding="utf-8")
    result = score_dirs(gold_dir, pred_dir)
    assert result["documents"] == 2
    figs = headline(result["overall"])
    assert figs["relations_f1"] == 0.0 and figs["agreements_f1"] == 0.0
    assert main([str(gold_dir), str(pred_dir)]) == 0
    assert "relations   P 1.000  R 0.000  F1 0.000  (tp 0, fp 0, fn 4)" in capsys.readouterr().out
