ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
HEALTHCHECK --interval=30s --timeout=5s --retries=4 CMD true
