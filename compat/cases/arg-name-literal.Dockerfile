ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
# BuildKit (since 0.14) does not expand an ARG's name: this declares an ARG literally named ${name}, not foo
ARG name=foo
ARG ${name}=v
RUN echo "foo=${foo:-unset}" > /arg.txt
