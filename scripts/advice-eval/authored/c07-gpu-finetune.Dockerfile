FROM pytorch/pytorch:2.3.1-cuda12.1-cudnn8-devel
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update && apt-get install -y git build-essential && rm -rf /var/lib/apt/lists/*
WORKDIR /finetune
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
ENV WANDB_API_KEY=""
ENV HF_TOKEN=hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789
CMD ["accelerate", "launch", "train.py"]
