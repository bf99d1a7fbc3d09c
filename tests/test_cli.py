"""The CLI through typer's CliRunner, with the fake backends selected by name."""

import json

from typer.testing import CliRunner

from fhirqa.cli import app

from tests.conftest import ALLEN

runner = CliRunner()
FAKE = ["--relevance", "fake", "--generator", "fake"]


def test_ask_json_prints_exactly_one_object(allen_bundle, home):
    r = runner.invoke(app, ["ask", "Which influenza vaccine did he get in 2019?", "--json", "--fhir", str(allen_bundle),
                            "--patient", ALLEN, *FAKE])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert set(out) == {"answer", "citations", "relevant", "timings"}
    assert set(out["timings"]) == {"fetch_s", "relevance_s", "generate_s"}
    assert out["relevant"] and all(x.startswith("Immunization/") for x in out["relevant"])
    assert out["answer"].startswith("Latest: Immunization 2019-")


def test_ask_plain_prints_answer_and_sources(allen_bundle, home):
    r = runner.invoke(app, ["ask", "Which influenza vaccine did he get in 2019?", "--fhir", str(allen_bundle), *FAKE])
    assert r.exit_code == 0, r.output
    answer, sources = r.stdout.strip().split("\n")
    assert answer.startswith("Latest: Immunization 2019-") and sources.startswith("Sources: Immunization/")


def test_patients_lists_ids_and_names(synthea_dir, home):
    r = runner.invoke(app, ["patients", "--fhir", str(synthea_dir)])
    assert r.exit_code == 0
    assert f"{ALLEN}\tAllen322 Ferry570" in r.stdout.splitlines()


def test_bad_input_gives_one_error_line_and_exit_1(allen_bundle, synthea_dir, tmp_path, home):
    cases = [
        (["ask", "", "--fhir", str(allen_bundle)], "Error: the question is empty"),
        (["ask", "hi", "--fhir", str(allen_bundle), "--patient", "bad id!"], "Error: malformed patient id"),
        (["ask", "hi", "--fhir", str(allen_bundle), "--patient", "nobody"], "Error: patient 'nobody' not found"),
        (["ask", "hi", "--fhir", str(tmp_path / "nope.json")], "no such file or directory"),
        (["ask", "hi", "--fhir", str(synthea_dir)], "holds 5 patients; choose one with --patient"),
        (["ask", "hi", "--fhir", "http://127.0.0.1:9/fhir", "--patient", "x"], "Error: FHIR server http://127.0.0.1:9/fhir"),
        (["chat", "--session", "nosuch", "--fhir", str(allen_bundle), *FAKE], "Error: no chat session 'nosuch'"),
        (["ask", "hi", "--fhir", str(allen_bundle), "--relevance", "nosuch"], "Error: model 'nosuch' is not available"),
    ]
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    cases.append((["ask", "hi", "--fhir", str(bad)], f"Error: {bad}:1"))
    for args, message in cases:
        r = runner.invoke(app, args)
        assert r.exit_code == 1, (args, r.output)
        assert message in r.stderr, (args, r.stderr)
        assert "Traceback" not in r.output and len(r.stderr.strip().splitlines()) == 1


def test_chat_session_resumes_with_continue(allen_bundle, home):
    r = runner.invoke(app, ["chat", "--fhir", str(allen_bundle), *FAKE], input="glucose in 2015\n\n")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("Latest: Observation 2015-")
    r2 = runner.invoke(app, ["chat", "--continue", "--fhir", str(allen_bundle), *FAKE], input="and before that?\nexit\n")
    assert r2.exit_code == 0, r2.output
    lines = r2.stdout.splitlines()
    assert lines[0] == "> glucose in 2015"           # the history is replayed
    assert any(l.startswith("Latest: Observation 2013-") for l in lines[2:])
