# FastAPI service managed with uv; dependencies first, project second.
FROM ghcr.io/astral-sh/uv:0.5.11-python3.12-bookworm-slim AS build
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy
WORKDIR /app
RUN --mount=type=cache,target=/root/.cache/uv \
    --mount=type=bind,source=uv.lock,target=uv.lock \
    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \
    uv sync --frozen --no-install-project --no-dev
COPY . /app
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev

FROM python:3.12-slim-bookworm
RUN useradd --create-home --uid 10001 api
COPY --from=build --chown=api:api /app /app
ENV PATH="/app/.venv/bin:$PATH" \
    OPENAI_API_KEY="" \
    SENTRY_DSN=
USER api
WORKDIR /app
EXPOSE 8080
CMD ["uvicorn", "api.main:app", "--host", "0.0.0.0", "--port", "8080"]
