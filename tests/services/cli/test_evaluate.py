from __future__ import annotations

from services.cli.evaluate import PRF, bio_spans, main, read_bio, run


def test_bio_spans():
    assert bio_spans(["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG"]) == {
        (0, 2, "PER"),
        (3, 4, "LOC"),
        (4, 5, "LOC"),
        (5, 6, "ORG"),
    }


def test_prf():
    prf = PRF()
    prf.add({(0, 2, "PER"), (3, 5, "LOC")}, {(0, 2, "PER"), (6, 7, "ORG")})
    assert (prf.p, prf.r, prf.f1) == (0.5, 0.5, 0.5)


def _tiny_eval_dir(tmp_path):
    ner = tmp_path / "ner"
    seg = tmp_path / "segmentation"
    ner.mkdir()
    seg.mkdir()
    lines = []
    for sentence, tags in [
        ("市委书记陈吉宁在浦东新区调研", "O O O O B-PER I-PER I-PER O B-LOC I-LOC I-LOC I-LOC O O"),
        ("新华社报道", "B-ORG I-ORG I-ORG O O"),
    ]:
        lines += [f"{c}\t{t}" for c, t in zip(sentence, tags.split(), strict=True)] + [""]
    (ner / "msra_test_bio.txt").write_text("\n".join(lines), encoding="utf-8")
    for corpus in ("pku", "msr"):
        (seg / f"{corpus}_test_gold.utf8").write_text("我们  在  上海  工作  。\n", encoding="utf-8")
        (seg / f"{corpus}_training_words.utf8").write_text("我们\n在\n工作\n。\n", encoding="utf-8")
    return tmp_path


def test_read_bio(tmp_path):
    sentences = read_bio(_tiny_eval_dir(tmp_path) / "ner" / "msra_test_bio.txt")
    assert sentences[0] == ("市委书记陈吉宁在浦东新区调研", {(4, 7, "PER"), (8, 12, "LOC")})


def test_run_on_tiny_gold_sets(tmp_path, capsys):
    report = run(_tiny_eval_dir(tmp_path), ["rjieba"], process=True)
    out = capsys.readouterr().out
    assert "PER" in out and "overall" in out and "SEG  PKU" in out and "SEG  MSR" in out and "chars/s" in out
    ner = report["ner"]["rjieba"]
    assert ner["overall"]["f1"] == 1.0
    assert ner["process_chars_per_s"] > 0
    seg = report["segmentation"]["pku"]["rjieba"]
    assert seg["f1"] == 1.0 and seg["oov_recall"] == 1.0  # 上海 is out of the tiny vocabulary


def test_skips_when_eval_data_absent(tmp_path, capsys):
    assert main(["--eval-dir", str(tmp_path / "missing")]) == 0
    assert "skipping evaluation" in capsys.readouterr().out
