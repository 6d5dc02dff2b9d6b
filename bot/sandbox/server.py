"""The aiohttp application: Bot API routing, request decoding, answers, file downloads."""

from __future__ import annotations

import inspect

from aiohttp import web

from . import methods_chats, methods_messages, methods_updates  # noqa: F401  (register methods)
from .context import ApiContext, Params, registry
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
            fault = api.faults.take(name)
            if fault is not None:
                raise fault
            result = implementation(api, Params(values))
            if inspect.isawaitable(result):
                result = await result
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
