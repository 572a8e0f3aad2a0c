ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
# BuildKit expands the whole ENV line with the values from before it: b gets "one", not "two"
ENV a=one
ENV a=two b=$a c=${b:-unset}
RUN echo "a=$a b=$b c=$c" > /env.txt
