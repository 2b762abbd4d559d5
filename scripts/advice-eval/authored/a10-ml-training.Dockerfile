FROM ubuntu:22.04 AS build
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update && apt-get install -y --no-install-recommends \
        python3 python3-pip python3-dev build-essential libhdf5-dev libjpeg-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/train
COPY requirements.txt .
RUN python3 -m pip wheel --no-cache-dir -w /wheels -r requirements.txt

FROM ubuntu:22.04
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update && apt-get install -y --no-install-recommends \
        python3 python3-pip libhdf5-dev libjpeg-dev \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /wheels /wheels
RUN python3 -m pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
WORKDIR /opt/train
COPY . .
ENV WANDB_API_KEY=${WANDB_API_KEY}
ENTRYPOINT ["python3", "train.py"]
