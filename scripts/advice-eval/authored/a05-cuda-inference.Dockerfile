# GPU inference server. Optional Triton kernels need a compiler at runtime.
FROM nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04

ARG DEBIAN_FRONTEND=noninteractive
ARG WITH_TRITON_KERNELS=0
ENV PYTHONUNBUFFERED=1 \
    HF_HOME=/models/hf \
    HF_TOKEN=

RUN apt-get update && apt-get install -y --no-install-recommends \
        python3.11 python3.11-venv python3-pip libgl1 libglib2.0-0 \
    && apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false \
    && rm -rf /var/lib/apt/lists/*

RUN if [ "$WITH_TRITON_KERNELS" = "1" ]; then \
        apt-get update && apt-get install -y --no-install-recommends gcc g++ python3.11-dev \
        && rm -rf /var/lib/apt/lists/*; \
    fi

WORKDIR /srv
COPY requirements.txt .
RUN python3.11 -m pip install --no-cache-dir -r requirements.txt
COPY server/ ./server/
COPY weights/ /models/weights/
RUN python3.11 -m server.prefetch --out /models/hf && rm -rf /models/weights/*
EXPOSE 8000
CMD ["python3.11", "-m", "server.main"]
