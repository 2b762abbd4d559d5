FROM python:3.9
WORKDIR /workspace
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg libsm6 libxext6 && rm -rf /var/lib/apt/lists/*
COPY setup.py setup.cfg ./
COPY detector/ detector/
RUN pip install --no-cache-dir -e .
COPY models/ /workspace/models/
RUN python -c "import detector; detector.warmup('/workspace/models')"
ENV MODEL_DIR=/workspace/models
CMD ["python", "-m", "detector.serve"]
