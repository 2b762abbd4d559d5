FROM ubuntu:24.04 AS build
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update && apt-get install -y --no-install-recommends \
      python3 python3-venv python3-dev gcc libgeos-dev libproj-dev \
    && rm -rf /var/lib/apt/lists/*
RUN python3 -m venv /venv
COPY requirements.txt /tmp/requirements.txt
RUN /venv/bin/pip install --no-cache-dir -r /tmp/requirements.txt

FROM ubuntu:24.04
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update && apt-get install -y --no-install-recommends \
      python3 libgeos-dev libproj25 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /venv /venv
COPY . /srv/geo
RUN useradd -r geo && chown -R geo:geo /venv /srv/geo
USER geo
WORKDIR /srv/geo
CMD ["/venv/bin/python", "-m", "geo.server"]
