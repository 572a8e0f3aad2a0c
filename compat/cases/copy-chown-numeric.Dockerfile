ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
COPY --chown=1234:5678 dir /own/
