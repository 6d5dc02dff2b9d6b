"""The aiohttp application: Bot API routing, request decoding, answers, file downloads."""

from __future__ import annotations

import asyncio
import inspect

from aiohttp import web

from . import methods_chats, methods_messages, methods_updates  # noqa: F401  (register methods)
from .context import ApiContext, Params, registry
from .disruptions import Disruption
from .errors import ApiError
from .methods_messages import UploadedFile

__all__ = ["build_app"]


async def _read_params(request: web.Request) -> dict[str, object]:
    values: dict[str, object] = dict(request.query)
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise ApiError(400, "Bad Request: can't parse JSON body") from None
        if isinstance(body, dict):
            values.update(body)
        return values
    form = await request.post()
    for name, value in form.items():
        if isinstance(value, web.FileField):
            values[name] = UploadedFile(value.filename, value.content_type, value.file.read())
        else:
            values[name] = value
    return values


def _loggable(values: dict[str, object]) -> dict[str, object]:
    return {
        name: f"<file {value.filename}, {len(value.data)} bytes>"
        if isinstance(value, UploadedFile)
        else value
        for name, value in values.items()
    }


def _error_response(error: ApiError) -> web.Response:
    return web.json_response(error.to_json(), status=error.error_code)


def _cut(request: web.Request) -> web.Response:
    """Close the connection without an answer (the client sees a dropped connection)."""
    if request.transport is not None:
        request.transport.abort()
    return web.Response(status=499)


async def _disrupt(
    api: ApiContext, request: web.Request, disruption: Disruption, record: dict
) -> web.Response | None:
    """Stall or drop one call; None when a stalled, executed call should now be answered."""
    api.world.calls.append({**record, "disrupted": disruption.kind})
    api.world.notifier.changed()
    if disruption.kind == "stall":
        await asyncio.sleep(disruption.seconds)
        if disruption.execute:
            return None
    return _cut(request)


def build_app(api: ApiContext, token: str) -> web.Application:
    """The Bot API at ``/bot<token>/<method>`` and downloads at ``/file/bot<token>/<path>``."""

    async def handle_method(request: web.Request) -> web.Response:
        if request.match_info["token"] != token:
            return _error_response(ApiError(401, "Unauthorized"))
        entry = registry.get(request.match_info["method"].lower())
        if entry is None:
            return _error_response(ApiError(404, "Not Found"))
        name, implementation = entry
        values: dict[str, object] = {}
        try:
            values = await _read_params(request)
            if await api.holds.hold_if_asked(name, on_held=api.world.notifier.changed):
                raise ApiError(503, "Service Unavailable: the call was held and dropped")
            fault = api.faults.take(name)
            if fault is not None:
                raise fault
            disruption = api.disruptions.take(name)
            record = {"method": name, "params": _loggable(values), "executed": False}
            if disruption is not None and not disruption.execute:
                cut = await _disrupt(api, request, disruption, record)
                if cut is not None:
                    return cut
            result = implementation(api, Params(values))
            if inspect.isawaitable(result):
                result = await result
            if disruption is not None and disruption.execute:
                record = {**record, "executed": True, "result": result}
                # Recorded once, as disrupted; a stalled call is answered late (if anyone waits).
                cut = await _disrupt(api, request, disruption, record)
                return cut or web.json_response({"ok": True, "result": result})
        except ApiError as error:
            record = {"method": name, "params": _loggable(values), "error": error.to_json()}
            api.world.calls.append(record)
            # A long poll whose client hung up (PTB cancels it on stop) answers nobody.
            if request.transport is not None and not request.transport.is_closing():
                api.world.rejected.append(record)
            api.world.notifier.changed()
            return _error_response(error)
        api.world.calls.append({"method": name, "params": _loggable(values), "result": result})
        api.world.notifier.changed()
        return web.json_response({"ok": True, "result": result})

    async def handle_file(request: web.Request) -> web.Response:
        if request.match_info["token"] != token:
            return web.Response(status=404, text="Not Found")
        path = request.match_info["path"]
        for stored in api.world.files.values():
            if stored.file_path == path:
                return web.Response(body=stored.data, content_type="application/octet-stream")
        return web.Response(status=404, text="Not Found")

    app = web.Application(client_max_size=60 * 1024 * 1024)
    app.router.add_route("*", "/bot{token}/{method}", handle_method)
    app.router.add_get("/file/bot{token}/{path:.+}", handle_file)
    return app
