package dev.kiln.executor;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Path;

/**
 * Hands tests the {@link ExecutorImage} and the {@link NonRootImage}, each built once per test run from one prepared
 * context (all kept in the root context's store), and only when a test asks for it. A test that asks is skipped
 * ({@link Ctr#require}) before its parameters are resolved: an abort while resolving would be reported as an error.
 */
final class ExecutorImageExtension implements ParameterResolver, BeforeEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ExecutorImageExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        Class<?> type = p.getParameter().getType();
        return isImage(type);
    }

    private static boolean isImage(Class<?> type) {
        return type == ExecutorImage.class || type == NonRootImage.class;
    }

    @Override
    public void beforeEach(ExtensionContext c) {
        for (Class<?> t : c.getRequiredTestMethod().getParameterTypes()) {
            if (isImage(t)) {
                dev.kiln.testsupport.TestEnv.registry();
                Ctr.require();
                return;
            }
        }
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        dev.kiln.testsupport.TestEnv.registry();
        Ctr.require();
        ExtensionContext.Store store = c.getRoot().getStore(NS);
        Path context = store.getOrComputeIfAbsent("context", k -> ExecutorImage.context(), Path.class);
        if (p.getParameter().getType() == NonRootImage.class) {
            return store.getOrComputeIfAbsent("nonroot", k -> NonRootImage.build(context), NonRootImage.class);
        }
        return store.getOrComputeIfAbsent("image", k -> ExecutorImage.build(context), ExecutorImage.class);
    }
}
