"""An engine for OpenAI-compatible chat-completion servers: llama.cpp, Ollama, vLLM, a hosted API.

The server is named by a base URL and a model (``--llm-url``/``--llm-model``, else
``DOCTOOL_LLM_BASE_URL``/``DOCTOOL_LLM_MODEL``); an API key, when the server wants one, comes
from the environment only (``DOCTOOL_LLM_API_KEY``, else ``OPENAI_API_KEY``), never from a file.

The engine sees what every engine sees: text whose glossary terms and numbers the translator
has masked as ``⟦T1⟧``/``⟦N1⟧``, restored and checked after. Several texts go in one request as
a JSON array and come back as one; an answer that is not an array of as many strings is asked
again text by text, so a confused batch never shifts one text's English onto another.

The official ``openai`` SDK (the ``llm`` extra) does the HTTP: timeouts, retries with
exponential backoff that honour ``Retry-After``, and one exception type per failure, which
become one-line :class:`~doctool.errors.ModelError` messages here. It is imported only when an
engine is built, so other builds never load it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from doctool.errors import ModelError

BASE_URL_VAR = "DOCTOOL_LLM_BASE_URL"
MODEL_VAR = "DOCTOOL_LLM_MODEL"
#: where the API key is read from, first found wins
API_KEY_VARS = ("DOCTOOL_LLM_API_KEY", "OPENAI_API_KEY")
TIMEOUT_VAR = "DOCTOOL_LLM_TIMEOUT"
RETRIES_VAR = "DOCTOOL_LLM_RETRIES"
BATCH_VAR = "DOCTOOL_LLM_BATCH"

#: part of the engine's identity, so a changed prompt re-translates what the cache holds
PROMPT_VERSION = 1
SYSTEM_PROMPT = (
    "You are a professional translator of Chinese government texts (meeting reports, speeches, "
    "work reports) into English, writing as an official English-language publication of the "
    "government would: accurate, formal, concise, with no additions or omissions.\n"
    "The user sends a JSON array of Chinese texts. Reply with a JSON array of exactly as many "
    "strings, the English translation of each text, in the same order, and nothing else: no "
    "comments, no notes, no Markdown.\n"
    "Tokens such as ⟦T1⟧ and ⟦N1⟧ stand for names, terms and figures that are translated "
    "separately. Copy every token exactly as written, brackets included, once each, in the place "
    "the English needs it; never translate, change, drop or repeat a token, and do not add a "
    "translation of what it stands for."
)
NO_OPENAI = "the llm engine needs the openai package; install it with: pip install 'doctool[llm]'"

_FENCE = re.compile(r"^```[A-Za-z]*\s*|\s*```$")
# reasoning models think aloud before they answer
_THINKING = re.compile(r"<think>.*?</think>", re.DOTALL)


@dataclass(frozen=True)
class LLMSettings:
    """Which server and model the llm engine asks, and how patiently."""

    base_url: str
    model: str
    api_key: str | None = field(default=None, repr=False)
    key_var: str | None = None
    timeout: float = 300.0
    retries: int = 2
    batch: int = 8

    @classmethod
    def from_env(
        cls, base_url: str | None = None, model: str | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> LLMSettings:
        """Settings from the options given, the rest from the environment; ModelError if unusable."""
        env = os.environ if environ is None else environ
        url = (base_url or env.get(BASE_URL_VAR, "")).strip().rstrip("/")
        if not url:
            raise ModelError(
                f"the llm engine needs a server: pass --llm-url or set {BASE_URL_VAR} "
                "(llama.cpp: http://127.0.0.1:8080/v1, Ollama: http://127.0.0.1:11434/v1)"
            )
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ModelError(
                f"{url!r} is not an http(s) URL; pass --llm-url or set {BASE_URL_VAR} to the "
                "server's base URL, such as http://127.0.0.1:8080/v1"
            )
        name = (model or env.get(MODEL_VAR, "")).strip()
        if not name:
            raise ModelError(
                f"the llm engine needs a model: pass --llm-model or set {MODEL_VAR} "
                "(the name the server lists under /v1/models, such as qwen2.5:7b for Ollama)"
            )
        key_var = next((var for var in API_KEY_VARS if env.get(var, "").strip()), None)
        return cls(
            base_url=url,
            model=name,
            api_key=env[key_var].strip() if key_var else None,
            key_var=key_var,
            timeout=_number(env, TIMEOUT_VAR, cls.timeout, float, "a number of seconds"),
            retries=_number(env, RETRIES_VAR, cls.retries, int, "a whole number of retries", 0),
            batch=_number(env, BATCH_VAR, cls.batch, int, "a whole number of texts", 1),
        )

    @property
    def identity(self) -> str:
        """What decides the English: server, model and prompt (never the key)."""
        return f"llm:{PROMPT_VERSION}:{self.base_url}:{self.model}"


def _number(env: Mapping[str, str], var: str, default: Any, kind: type, what: str,
            minimum: float = 0) -> Any:
    """The number in ``env[var]``, or ``default`` when unset; ModelError when it is not one."""
    raw = env.get(var, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        value = None
    if value is None or value < minimum or (kind is float and not value > 0):
        raise ModelError(f"{var}={raw!r} is not {what}; set it to one, or unset it")
    return value


def parse_array(reply: str, count: int) -> list[str] | None:
    """The ``count`` strings of a JSON array in a model's reply; None when there is no such array.

    Models wrap JSON in Markdown fences, think aloud first, add a sentence around it or wrap
    it in an object (``{"translations": [...]}``): all of that is looked through.
    """
    text = _FENCE.sub("", _THINKING.sub("", reply).strip()).strip()
    candidates = [text]
    start, end = text.find("["), text.rfind("]")
    if 0 <= start < end:
        candidates.append(text[start:end + 1])
    for candidate in candidates:
        try:
            data = json.loads(candidate)
        except ValueError:
            continue
        if isinstance(data, dict) and len(data) == 1:
            data = next(iter(data.values()))
        if isinstance(data, list) and len(data) == count and all(isinstance(x, str) for x in data):
            return [x.strip() for x in data]
    return None


def plain_answer(reply: str) -> str:
    """A one-text reply that is not a JSON array, as the translation it most likely is."""
    text = _FENCE.sub("", _THINKING.sub("", reply).strip()).strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        try:
            loaded = json.loads(text)
        except ValueError:
            loaded = None
        if isinstance(loaded, str):
            text = loaded.strip()
    return text


class LLMEngine:
    """Translation by a chat model behind an OpenAI-compatible ``/chat/completions`` endpoint."""

    name = "llm"

    def __init__(self, settings: LLMSettings) -> None:
        """Prepare a client for the server in ``settings``; nothing is sent until translating."""
        self.settings = settings
        self.identity = settings.identity
        try:
            import openai
        except ImportError:
            raise ModelError(NO_OPENAI) from None
        self._openai = openai
        self._client = openai.OpenAI(
            base_url=settings.base_url,
            # the SDK insists on a key; a server started without one ignores whatever is sent
            api_key=settings.api_key or "no-key",
            timeout=settings.timeout,
            max_retries=settings.retries,
        )

    def translate(self, texts: Sequence[str]) -> list[str]:
        """Translate each text, a batch per request; blank texts give empty strings."""
        results = [""] * len(texts)
        todo = [i for i, text in enumerate(texts) if text.strip()]
        size = self.settings.batch
        for start in range(0, len(todo), size):
            chunk = todo[start:start + size]
            for i, en in zip(chunk, self._batch([texts[i] for i in chunk]), strict=True):
                results[i] = en
        return results

    def _batch(self, texts: list[str]) -> list[str]:
        """One request for ``texts``; one request each when the answer does not fit."""
        if len(texts) > 1:
            parsed = parse_array(self._ask(texts), len(texts))
            if parsed is not None:
                return parsed
        return [self._one(text) for text in texts]

    def _one(self, text: str) -> str:
        reply = self._ask([text])
        parsed = parse_array(reply, 1)
        return parsed[0] if parsed is not None else plain_answer(reply)

    def _ask(self, texts: list[str]) -> str:
        """The model's reply to one request; ModelError when the server cannot give one."""
        try:
            completion = self._client.chat.completions.create(
                model=self.settings.model,
                messages=[
                    {"role": "system", "content": SYSTEM_PROMPT},
                    {"role": "user", "content": json.dumps(texts, ensure_ascii=False)},
                ],
                temperature=0,
            )
        except self._openai.APIError as exc:
            raise ModelError(self._explain(exc)) from None
        choices = getattr(completion, "choices", None) or []
        message = getattr(choices[0], "message", None) if choices else None
        return str(getattr(message, "content", None) or "")

    def _explain(self, exc: Exception) -> str:
        """One line that says what went wrong with the server and what to do."""
        openai, s = self._openai, self.settings
        where = f"the llm server at {s.base_url}"
        if isinstance(exc, openai.APITimeoutError):
            asked = "once" if s.retries == 0 else f"{s.retries + 1} times"
            return (f"{where} did not answer within {s.timeout:g} s (asked {asked}); "
                    f"raise {TIMEOUT_VAR}, or choose a smaller model or a faster server")
        if isinstance(exc, openai.APIConnectionError):
            cause = _cause(exc)
            return (f"cannot reach {where}" + (f" ({cause})" if cause else "")
                    + f"; start the server, or pass --llm-url or set {BASE_URL_VAR} to where it listens")
        if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
            if not s.key_var:
                return (f"{where} wants an API key (HTTP {exc.status_code}: {_detail(exc)}); "
                        f"set {API_KEY_VARS[0]} (or {API_KEY_VARS[1]}) to it")
            return (f"{where} refused the API key in {s.key_var} (HTTP {exc.status_code}: "
                    f"{_detail(exc)}); set {s.key_var} to a key it accepts")
        if isinstance(exc, openai.NotFoundError):
            return (f"{where} does not serve model {s.model!r} (HTTP 404: {_detail(exc)}); pass "
                    f"--llm-model or set {MODEL_VAR} to one listed under {s.base_url}/models, "
                    "and check that the URL ends where the server's API starts (often /v1)")
        if isinstance(exc, openai.APIStatusError):
            return (f"{where} answered HTTP {exc.status_code} ({_detail(exc)}) to model {s.model!r}; "
                    "check the server's log, then build again")
        return f"{where} gave an answer that cannot be read ({_detail(exc)}); check the server's log"


def _cause(exc: BaseException) -> str:
    """The innermost reason of a connection failure, such as "Connection refused"."""
    inner: BaseException | None = exc.__cause__ or exc.__context__
    while inner is not None and (inner.__cause__ or inner.__context__) is not None:
        inner = inner.__cause__ or inner.__context__
    if inner is None:
        return ""
    text = getattr(inner, "strerror", None) or str(inner)
    return _one_line(str(text))


def _detail(exc: Exception) -> str:
    """The server's own error message, on one short line."""
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        error = body.get("error", body)
        message = error.get("message") if isinstance(error, dict) else error
        if message:
            return _one_line(str(message))
    return _one_line(getattr(exc, "message", "") or str(exc))


def _one_line(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
