"""The llm engine, as protocol tests against a fake OpenAI-compatible server on 127.0.0.1.

No real model answers here: the fake server speaks the chat-completions protocol and its
"model" is a small function, so each test decides how the model behaves (keeps the masking
tokens, drops them, answers with the wrong count, is slow, refuses the key).
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from doctool import content_io
from doctool.errors import ModelError
from doctool.translate.engines import make_engine
from doctool.translate.llm import (
    API_KEY_VARS,
    BASE_URL_VAR,
    BATCH_VAR,
    MODEL_VAR,
    NO_OPENAI,
    RETRIES_VAR,
    SYSTEM_PROMPT,
    TIMEOUT_VAR,
    LLMEngine,
    LLMSettings,
    parse_array,
    plain_answer,
)
from tests.conftest import REPORTS, Run
from tests.llm_support import (
    Reply,
    closed_port_url,
    completion,
    drop_tokens,
    english,
    error,
    fake_server,
    translating,
)

REPORT = REPORTS / "inspection-tour.txt"  # a report the sample memory does not know
OPENAI_INSTALLED = importlib.util.find_spec("openai") is not None
#: ``make test`` installs the openai client, so there a missing one fails instead of skipping
needs_openai = pytest.mark.skipif(
    not OPENAI_INSTALLED and os.environ.get("DOCTOOL_TEST_REQUIRE_MT") != "1",
    reason="the openai client is not installed (pip install 'doctool[llm]')",
)
_VARS = (BASE_URL_VAR, MODEL_VAR, *API_KEY_VARS, TIMEOUT_VAR, RETRIES_VAR, BATCH_VAR)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The user's own server, model and key never reach a test."""
    for var in (*_VARS, "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID"):
        monkeypatch.delenv(var, raising=False)


def _engine(url: str, **overrides: Any) -> LLMEngine:
    return LLMEngine(replace(LLMSettings(url, "fake-model", retries=0), **overrides))


def _one_line_error(run: Run, *needles: str) -> None:
    assert run.code == ModelError.exit_code, run
    lines = run.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in run.err, run.err
    for needle in needles:
        assert needle in lines[0], lines[0]


# --- settings ------------------------------------------------------------------------------


def test_settings_come_from_options_then_environment() -> None:
    env = {BASE_URL_VAR: "http://env:8080/v1/", MODEL_VAR: "env-model"}
    assert LLMSettings.from_env(environ=env).base_url == "http://env:8080/v1"
    assert LLMSettings.from_env(environ=env).model == "env-model"
    given = LLMSettings.from_env("http://opt:1/v1", "opt-model", environ=env)
    assert (given.base_url, given.model) == ("http://opt:1/v1", "opt-model")


def test_api_key_from_the_environment_only_doctool_first() -> None:
    env = {BASE_URL_VAR: "http://h/v1", MODEL_VAR: "m"}
    assert LLMSettings.from_env(environ=env).api_key is None
    both = LLMSettings.from_env(environ={**env, API_KEY_VARS[0]: "sk-doc", API_KEY_VARS[1]: "sk-oai"})
    assert (both.api_key, both.key_var) == ("sk-doc", API_KEY_VARS[0])
    fallback = LLMSettings.from_env(environ={**env, API_KEY_VARS[1]: "sk-oai"})
    assert (fallback.api_key, fallback.key_var) == ("sk-oai", API_KEY_VARS[1])
    # the key is neither shown nor part of the cache's identity
    assert "sk-doc" not in repr(both) and "sk-doc" not in both.identity


def test_identity_names_server_and_model() -> None:
    a = LLMSettings("http://h/v1", "qwen2.5:7b")
    assert "http://h/v1" in a.identity and "qwen2.5:7b" in a.identity
    assert a.identity != LLMSettings("http://h/v1", "llama3.1:8b").identity
    assert a.identity != LLMSettings("http://other/v1", "qwen2.5:7b").identity


@pytest.mark.parametrize(
    ("env", "needle"),
    [
        ({MODEL_VAR: "m"}, BASE_URL_VAR),
        ({BASE_URL_VAR: "http://h/v1"}, MODEL_VAR),
        ({BASE_URL_VAR: "localhost:8080", MODEL_VAR: "m"}, "not an http(s) URL"),
        ({BASE_URL_VAR: "http://h/v1", MODEL_VAR: "m", TIMEOUT_VAR: "soon"}, TIMEOUT_VAR),
        ({BASE_URL_VAR: "http://h/v1", MODEL_VAR: "m", TIMEOUT_VAR: "0"}, TIMEOUT_VAR),
        ({BASE_URL_VAR: "http://h/v1", MODEL_VAR: "m", RETRIES_VAR: "-1"}, RETRIES_VAR),
        ({BASE_URL_VAR: "http://h/v1", MODEL_VAR: "m", BATCH_VAR: "0"}, BATCH_VAR),
    ],
)
def test_unusable_settings_say_what_to_set(env: dict[str, str], needle: str) -> None:
    with pytest.raises(ModelError) as caught:
        LLMSettings.from_env(environ=env)
    assert needle in str(caught.value) and "\n" not in str(caught.value)


def test_without_the_openai_client_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openai", None)
    with pytest.raises(ModelError, match=r"doctool\[llm\]") as caught:
        LLMEngine(LLMSettings("http://127.0.0.1:9/v1", "m"))
    assert str(caught.value) == NO_OPENAI


# --- reading a model's answer --------------------------------------------------------------


@pytest.mark.parametrize(
    "reply",
    [
        '["One.", "Two."]',
        '```json\n["One.", "Two."]\n```',
        '<think>two texts, so two strings</think>\n["One.", "Two."]',
        'Here are the translations:\n["One.", "Two."]\nI kept every token.',
        '{"translations": ["One.", "Two."]}',
        '[" One. ", "Two."]',
    ],
)
def test_parse_array_looks_through_wrappers(reply: str) -> None:
    assert parse_array(reply, 2) == ["One.", "Two."]


@pytest.mark.parametrize(
    "reply", ['["One."]', '["One.", "Two.", "Three."]', '["One.", 2]', "One. Two.", "", '{"a": 1, "b": 2}']
)
def test_parse_array_refuses_what_does_not_fit(reply: str) -> None:
    assert parse_array(reply, 2) is None


def test_plain_answer_for_one_text() -> None:
    assert plain_answer("```\nThe meeting opened.\n```") == "The meeting opened."
    assert plain_answer('"The meeting opened."') == "The meeting opened."
    assert plain_answer("<think>hm</think> The meeting opened.") == "The meeting opened."


# --- the engine against the fake server ----------------------------------------------------


@needs_openai
def test_one_output_per_input_in_order_and_blanks_are_not_sent() -> None:
    with fake_server(translating(lambda t: f"en:{t}")) as server:
        engine = _engine(server.url)
        assert engine.translate(["甲⟦T1⟧", "", "  ", "乙⟦N1⟧"]) == ["en:甲⟦T1⟧", "", "", "en:乙⟦N1⟧"]
        assert engine.translate([]) == []
    assert server.texts() == [["甲⟦T1⟧", "乙⟦N1⟧"]]


@needs_openai
def test_request_carries_model_prompt_and_texts() -> None:
    with fake_server(translating()) as server:
        _engine(server.url, model="qwen2.5:7b").translate(["会议⟦T1⟧召开"])
    [request] = server.requests
    assert request["model"] == "qwen2.5:7b"
    assert request["temperature"] == 0
    system, user = request["messages"]
    assert system == {"role": "system", "content": SYSTEM_PROMPT}
    assert "⟦T1⟧" in system["content"] and "⟦N1⟧" in system["content"]
    assert "professional translator of Chinese government texts" in system["content"]
    assert user["role"] == "user" and json.loads(user["content"]) == ["会议⟦T1⟧召开"]


@needs_openai
def test_texts_go_in_batches() -> None:
    texts = [f"第{i}句" for i in range(7)]
    with fake_server(translating(lambda t: f"en:{t}")) as server:
        assert _engine(server.url, batch=3).translate(texts) == [f"en:{t}" for t in texts]
    assert [len(t or []) for t in server.texts()] == [3, 3, 1]


@needs_openai
@pytest.mark.parametrize(
    "wrong",
    [
        lambda texts: json.dumps([f"en:{t}" for t in texts][:-1], ensure_ascii=False),  # one short
        lambda texts: json.dumps([f"en:{t}" for t in texts] * 2, ensure_ascii=False),  # too many
        lambda texts: "Sorry, I cannot help with that.",  # no array at all
    ],
)
def test_a_batch_answered_with_the_wrong_count_is_asked_text_by_text(
    wrong: Callable[[list[str]], str],
) -> None:
    def model(texts: list[str] | None, prompt: str) -> str:
        assert texts is not None
        return wrong(texts) if len(texts) > 1 else json.dumps([f"en:{texts[0]}"], ensure_ascii=False)

    texts = ["甲", "乙", "丙"]
    with fake_server(model) as server:
        assert _engine(server.url).translate(texts) == ["en:甲", "en:乙", "en:丙"]
    assert server.texts() == [texts, ["甲"], ["乙"], ["丙"]]


@needs_openai
def test_a_single_text_answered_in_plain_words_is_taken() -> None:
    with fake_server(lambda texts, prompt: "The meeting opened.") as server:
        assert _engine(server.url).translate(["会议召开"]) == ["The meeting opened."]


@needs_openai
def test_api_key_is_sent_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    with fake_server(translating()) as server:
        monkeypatch.setenv(API_KEY_VARS[1], "sk-openai")
        make_engine("llm", Path(), LLMSettings.from_env(server.url, "m")).translate(["甲"])
        monkeypatch.setenv(API_KEY_VARS[0], "sk-doctool")
        make_engine("llm", Path(), LLMSettings.from_env(server.url, "m")).translate(["甲"])
    assert [h["authorization"] for h in server.headers] == ["Bearer sk-openai", "Bearer sk-doctool"]


@needs_openai
def test_server_errors_are_retried_with_backoff() -> None:
    answers = iter([error(503, "loading model", "server_error"), error(429, "busy", "rate_limit")])

    def model(texts: list[str] | None, prompt: str) -> Reply | str:
        return next(answers, None) or json.dumps(["en"])

    with fake_server(model) as server:
        assert _engine(server.url, retries=2).translate(["甲"]) == ["en"]
    assert len(server.requests) == 3


@needs_openai
def test_server_down_is_one_line() -> None:
    with pytest.raises(ModelError) as caught:
        _engine(closed_port_url()).translate(["甲"])
    message = str(caught.value)
    assert message.startswith("cannot reach the llm server at http://127.0.0.1:")
    assert BASE_URL_VAR in message and "\n" not in message


@needs_openai
def test_timeout_is_one_line() -> None:
    with fake_server(lambda texts, prompt: Reply(200, completion("[]"), delay=5)) as server, pytest.raises(ModelError) as caught:
            _engine(server.url, timeout=0.2).translate(["甲"])
    assert "did not answer within 0.2 s" in str(caught.value) and TIMEOUT_VAR in str(caught.value)


@needs_openai
@pytest.mark.parametrize(
    ("key_var", "needle"),
    [(None, f"set {API_KEY_VARS[0]} (or {API_KEY_VARS[1]})"), (API_KEY_VARS[1], f"in {API_KEY_VARS[1]}")],
)
def test_a_refused_key_names_the_variable(key_var: str | None, needle: str) -> None:
    with fake_server(lambda t, p: error(401, "Invalid API key", "authentication_error")) as server, pytest.raises(ModelError) as caught:
            _engine(server.url, api_key="sk-bad" if key_var else None, key_var=key_var).translate(["甲"])
    assert "HTTP 401: Invalid API key" in str(caught.value) and needle in str(caught.value)
    # a refused key is not worth asking again
    assert len(server.requests) == 1


@needs_openai
def test_an_unknown_model_is_one_line() -> None:
    with fake_server(lambda t, p: error(404, "model 'qwen9' not found")) as server, pytest.raises(ModelError) as caught:
            _engine(server.url, model="qwen9").translate(["甲"])
    message = str(caught.value)
    assert "does not serve model 'qwen9'" in message and MODEL_VAR in message
    assert f"{server.url}/models" in message


# --- whole builds through the command line -------------------------------------------------


def _build(cli: Callable[..., Run], workdir: Path, url: str, *more: str) -> Run:
    return cli("build", REPORT, "--out", workdir / "out", "--engine", "llm", "--llm-url", url,
               "--llm-model", "fake-model", *more)


def _pack(workdir: Path) -> tuple[dict[str, object], list[tuple[str, str, str]]]:
    folder = workdir / "out" / REPORT.stem
    qa = json.loads((folder / "qa.json").read_text("utf-8"))
    segments = [(s.zh, s.en, s.origin) for s in content_io.load(folder / "content.yaml").segments()]
    return qa, segments


@needs_openai
def test_build_through_the_server(cli: Callable[..., Run], workdir: Path) -> None:
    with fake_server(translating()) as server:
        run = _build(cli, workdir, server.url)
    assert run.code == 0, run.err
    qa, segments = _pack(workdir)
    assert qa["untranslated"] == 0 and qa["errors"] == 0
    assert qa["origins"] == {"memory": 0, "fuzzy": 0, "mt": len(segments), "none": 0}
    assert all(origin == "mt" for _, _, origin in segments)
    # the model saw tokens, never the names and figures they stand for, and kept them;
    # the approved English is put back in their place
    sent = [t for batch in server.texts() for t in batch or []]
    assert any("⟦T1⟧" in t for t in sent) and any("⟦N1⟧" in t for t in sent)
    assert not any("林正阳" in t or "20万辆" in t for t in sent)
    english_text = " ".join(en for _, en, _ in segments)
    assert "Lin Zhengyang" in english_text and "200,000 vehicles" in english_text
    assert "⟦" not in english_text
    assert all(len(batch or []) <= 8 for batch in server.texts())


@needs_openai
def test_build_falls_back_when_the_model_drops_tokens(cli: Callable[..., Run], workdir: Path) -> None:
    with fake_server(translating(drop_tokens)) as server:
        run = _build(cli, workdir, server.url)
    assert run.code == 0, run.err
    qa, segments = _pack(workdir)
    assert qa["untranslated"] == 0 and qa["errors"] == 0
    english_text = " ".join(en for _, en, _ in segments)
    assert "Lin Zhengyang" in english_text and "200,000 vehicles" in english_text
    # the stretches between the masks were asked for separately, without tokens
    sent = [t for batch in server.texts() for t in batch or []]
    assert any("⟦" not in t for t in sent)


@needs_openai
def test_build_with_a_wrong_batch_size_still_translates_every_segment(
    cli: Callable[..., Run], workdir: Path,
) -> None:
    def model(texts: list[str] | None, prompt: str) -> str:
        assert texts is not None
        out = [english(t) for t in texts]
        return json.dumps(out[:-1] if len(texts) > 1 else out, ensure_ascii=False)

    with fake_server(model) as server:
        run = _build(cli, workdir, server.url)
    assert run.code == 0, run.err
    qa, _ = _pack(workdir)
    assert qa["untranslated"] == 0 and qa["errors"] == 0


@needs_openai
def test_rebuild_reuses_the_cache_and_a_new_model_translates_again(
    cli: Callable[..., Run], workdir: Path,
) -> None:
    with fake_server(translating()) as server:
        assert _build(cli, workdir, server.url).code == 0
        first = len(server.requests)
        assert _build(cli, workdir, server.url, "--force").code == 0
        assert len(server.requests) == first  # every text from the cache
        run = cli("build", REPORT, "--out", workdir / "out", "--engine", "llm", "--llm-url",
                  server.url, "--llm-model", "another-model")
        assert run.code == 0 and "up to date" not in run.err + run.out
        assert len(server.requests) == 2 * first
        assert {r["model"] for r in server.requests[first:]} == {"another-model"}


@needs_openai
def test_build_with_the_server_down_is_a_one_line_error(
    cli: Callable[..., Run], workdir: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(RETRIES_VAR, "0")
    _one_line_error(_build(cli, workdir, closed_port_url()), "cannot reach the llm server")
    assert not (workdir / "out" / REPORT.stem / "brief.en.pdf").exists()


@needs_openai
def test_build_with_a_slow_server_is_a_one_line_error(
    cli: Callable[..., Run], workdir: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(TIMEOUT_VAR, "0.2")
    monkeypatch.setenv(RETRIES_VAR, "0")
    with fake_server(lambda t, p: Reply(200, completion("[]"), delay=5)) as server:
        _one_line_error(_build(cli, workdir, server.url), "did not answer within 0.2 s", TIMEOUT_VAR)


@needs_openai
def test_build_with_a_refused_key_names_the_variable(
    cli: Callable[..., Run], workdir: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(API_KEY_VARS[0], "sk-wrong")
    with fake_server(lambda t, p: error(401, "Invalid API key", "authentication_error")) as server:
        _one_line_error(_build(cli, workdir, server.url), "HTTP 401", API_KEY_VARS[0])
    assert server.headers[0]["authorization"] == "Bearer sk-wrong"


def test_build_without_a_server_configured_says_what_to_set(
    cli: Callable[..., Run], workdir: Path,
) -> None:
    run = cli("build", REPORT, "--out", workdir / "out", "--engine", "llm")
    _one_line_error(run, "--llm-url", BASE_URL_VAR)


@needs_openai
def test_translate_command_through_the_server(
    cli: Callable[..., Run], workdir: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert cli("extract", REPORT, "-o", workdir / "content.yaml").code == 0
    with fake_server(translating()) as server:
        monkeypatch.setenv(BASE_URL_VAR, server.url)
        monkeypatch.setenv(MODEL_VAR, "fake-model")
        run = cli("translate", workdir / "content.yaml", "--engine", "llm")
    assert run.code == 0, run.err
    assert "by machine translation (llm)" in run.err + run.out
    segments = content_io.load(workdir / "content.yaml").segments()
    assert segments and all(s.origin == "mt" and s.en for s in segments)


def test_auto_never_picks_the_llm_engine(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # it uses the network, so it is used only when asked for by name
    monkeypatch.setenv(BASE_URL_VAR, "http://127.0.0.1:9/v1")
    monkeypatch.setenv(MODEL_VAR, "m")
    assert make_engine("auto", tmp_path / "no-models") is None
