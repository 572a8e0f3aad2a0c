ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
RUN --mount=type=tmpfs,target=/scratch echo x > /scratch/f && [ -f /scratch/f ]
RUN [ ! -e /scratch/f ]
