ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
RUN <<EOF
#!/bin/sh
echo "$0" > /script
EOF
RUN grep -q EOF /script
