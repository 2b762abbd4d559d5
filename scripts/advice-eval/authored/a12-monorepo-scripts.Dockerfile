# Service from a monorepo: a helper script generates the pinned requirements before the install.
FROM python:3.11-slim-bookworm
ENV PIP_NO_CACHE_DIR=1
WORKDIR /workspace
COPY tools/ ./tools/
COPY services/billing/pyproject.toml services/billing/
RUN python tools/pin_requirements.py services/billing > requirements.lock \
    && pip install -r requirements.lock
COPY libs/ ./libs/
COPY services/billing/ services/billing/
RUN pip install --no-deps -e services/billing
RUN adduser --disabled-password --gecos "" billing && chown -R billing /workspace
USER billing
CMD ["python", "-m", "billing"]
