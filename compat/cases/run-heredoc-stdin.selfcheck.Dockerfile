ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
RUN cat > /in.txt <<EOF
from stdin
EOF
RUN [ "$(cat /in.txt)" = 'from stdin' ]
