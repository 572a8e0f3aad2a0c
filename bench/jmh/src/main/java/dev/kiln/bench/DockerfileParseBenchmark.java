package dev.kiln.bench;

import dev.kiln.dockerfile.DockerfileParser;
import dev.kiln.dockerfile.instructions.Dockerfile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/** Text to typed Dockerfile (AST + instructions) for a generated 5,000-line Dockerfile. */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.SECONDS)
public class DockerfileParseBenchmark {
    @Param("5000")
    int lines;

    String text;

    @Setup
    public void setup() {
        text = LargeDockerfile.generate(lines);
        DockerfileParser.parse(text, "Dockerfile"); // fail fast if the generated file does not parse
    }

    @Benchmark
    public Dockerfile parse() {
        return DockerfileParser.parse(text, "Dockerfile");
    }
}
