"""A fake OpenAI-compatible chat server on 127.0.0.1 for protocol tests of the llm engine.

It speaks just enough of the protocol (``POST /v1/chat/completions`` and ``GET /v1/models``)
for the engine; its "model" is a function of the request's texts, so each test says how the
model behaves: keeps the tokens, drops them, answers with the wrong count, is slow, or refuses.
"""

from __future__ import annotations

import json
import re
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_CJK_RUN = re.compile(r"[\u3400-\u9fff，。、；：“”（）《》！？]+")
TOKEN = re.compile(r"⟦[TN]\d+⟧")


def english(text: str) -> str:
    """A stand-in translation that keeps every token: each run of Chinese becomes "words"."""
    out = _CJK_RUN.sub(" words ", text)
    return " ".join(out.split()) or "words"


def drop_tokens(text: str) -> str:
    """A translation by a model that ignores its instructions and loses the tokens."""
    return english(TOKEN.sub("", text))


@dataclass
class Reply:
    """What the fake server answers: an HTTP status, a JSON body and a delay before it."""

    status: int = 200
    body: dict[str, Any] | None = None
    delay: float = 0.0


#: a model: the request's parsed JSON texts (None if not an array) and the raw prompt, to a reply
Model = Callable[[list[str] | None, str], "Reply | str"]


def translating(fn: Callable[[str], str] = english) -> Model:
    """A well-behaved model: a JSON array with one translation for each text."""

    def model(texts: list[str] | None, prompt: str) -> str:
        assert texts is not None, prompt
        return json.dumps([fn(t) for t in texts], ensure_ascii=False)

    return model


def completion(content: str, model: str = "fake-model") -> dict[str, Any]:
    """A chat-completion response body holding ``content``."""
    return {
        "id": "chatcmpl-1", "object": "chat.completion", "created": 0, "model": model,
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def error(status: int, message: str, kind: str = "invalid_request_error") -> Reply:
    """An OpenAI-style error reply."""
    return Reply(status, {"error": {"message": message, "type": kind, "code": None}})


@dataclass
class FakeServer:
    """The running server: its base URL and every request it received."""

    model: Model
    url: str = ""
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    def texts(self) -> list[list[str] | None]:
        """The texts of each chat request, in order."""
        return [_texts(r) for r in self.requests]


def _texts(request: dict[str, Any]) -> list[str] | None:
    prompt = request["messages"][-1]["content"]
    try:
        data = json.loads(prompt)
    except ValueError:
        return None
    return data if isinstance(data, list) else None


def _handler(server: FakeServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _send(self, reply: Reply) -> None:
            if reply.delay:
                server.release.wait(reply.delay)
            data = json.dumps(reply.body or {}).encode()
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except OSError:
                pass  # the client gave up waiting

        def do_GET(self) -> None:
            if self.path.rstrip("/") == "/v1/models":
                self._send(Reply(200, {"object": "list", "data": [{"id": "fake-model", "object": "model"}]}))
            else:
                self._send(error(404, f"no route {self.path}"))

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
            if self.path != "/v1/chat/completions":
                self._send(error(404, f"no route {self.path}"))
                return
            server.requests.append(body)
            server.headers.append({k.lower(): v for k, v in self.headers.items()})
            answer = server.model(_texts(body), body["messages"][-1]["content"])
            if isinstance(answer, str):
                answer = Reply(200, completion(answer, body.get("model", "")))
            self._send(answer)

    return Handler


@contextmanager
def fake_server(model: Model) -> Iterator[FakeServer]:
    """Run a fake chat server on 127.0.0.1 for the duration of the block."""
    server = FakeServer(model)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(server))
    httpd.daemon_threads = True
    server.url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    # a short poll makes shutdown at the end of each test quick
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def closed_port_url() -> str:
    """A base URL on 127.0.0.1 where nothing listens: connections are refused."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"
