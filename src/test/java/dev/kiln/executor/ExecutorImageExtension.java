package dev.kiln.executor;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Hands tests the {@link ExecutorImage}, built once per test run (kept in the root context's store). */
final class ExecutorImageExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ExecutorImageExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        return p.getParameter().getType() == ExecutorImage.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        dev.kiln.testsupport.TestEnv.registry();
        Ctr.require();
        return c.getRoot().getStore(NS).getOrComputeIfAbsent("image", k -> ExecutorImage.build(), ExecutorImage.class);
    }
}
