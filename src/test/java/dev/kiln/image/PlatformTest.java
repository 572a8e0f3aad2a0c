package dev.kiln.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlatformTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "linux/amd64, linux/amd64",
            "Linux/AMD64, linux/amd64",
            "linux/x86_64, linux/amd64",
            "linux/x86-64, linux/amd64",
            "linux/amd64/v1, linux/amd64",
            "linux/amd64/v3, linux/amd64/v3",
            "linux/aarch64, linux/arm64",
            "linux/arm64/v8, linux/arm64",
            "linux/arm64/8, linux/arm64",
            "linux/arm, linux/arm/v7",
            "linux/arm/7, linux/arm/v7",
            "linux/arm/v6, linux/arm/v6",
            "linux/armhf, linux/arm/v7",
            "linux/armel, linux/arm/v6",
            "linux/i386, linux/386",
            "linux/i686, linux/386",
            "' linux/s390x ', linux/s390x",
            "windows/amd64, windows/amd64",
    })
    void parseNormalizes(String in, String want) {
        assertEquals(want, Platform.parse(in).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "linux", "linux/", "/amd64", "linux/arm/v7/extra", "linux//v7"})
    void parseRejects(String s) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Platform.parse(s));
        assertTrue(e.getMessage().contains("os/arch"), e.getMessage());
    }

    @Test
    void constructorNeedsOsAndArchitecture() {
        assertThrows(IllegalArgumentException.class, () -> Platform.of("", "amd64", null));
        assertThrows(IllegalArgumentException.class, () -> Platform.of("linux", null, null));
        assertEquals(null, Platform.of("linux", "amd64", "").variant());
    }

    @Test
    void matchesAcrossAliasesAndVariants() {
        Platform arm64 = Platform.parse("linux/arm64");
        assertTrue(arm64.matches(Platform.of("linux", "aarch64", null)));
        assertTrue(arm64.matches(Platform.of("linux", "arm64", "v8")));
        assertTrue(arm64.matches(Platform.of("linux", "arm64", "v9")), "no variant asked: any variant serves");
        assertFalse(arm64.matches(Platform.of("linux", "amd64", null)));
        assertFalse(arm64.matches(Platform.of("windows", "arm64", null)));
        assertFalse(arm64.matches(null));

        Platform armv7 = Platform.parse("linux/arm/v7");
        assertTrue(armv7.matches(Platform.of("linux", "arm", null)), "arm without variant means v7");
        assertTrue(armv7.matches(Platform.of("linux", "arm", "7")));
        assertFalse(armv7.matches(Platform.of("linux", "arm", "v6")));
        assertFalse(Platform.parse("linux/arm/v6").matches(Platform.of("linux", "arm", null)));
        assertTrue(Platform.parse("linux/amd64").matches(Platform.of("linux", "x86_64", null)));
    }

    @Test
    void hostIsLinuxOfThisMachine() {
        Platform h = Platform.host();
        assertEquals("linux", h.os());
        String arch = System.getProperty("os.arch");
        if (arch.equals("amd64") || arch.equals("x86_64")) assertEquals("amd64", h.architecture());
        if (arch.equals("aarch64")) assertEquals("arm64", h.architecture());
    }

    @Test
    void jsonUsesOciFieldNames() {
        Platform p = new Platform("amd64", "windows", "10.0.17763.1", java.util.List.of("win32k"), null);
        String json = new String(Json.write(p), StandardCharsets.UTF_8);
        assertEquals("{\"architecture\":\"amd64\",\"os\":\"windows\",\"os.version\":\"10.0.17763.1\",\"os.features\":[\"win32k\"]}", json);
        assertEquals(p, Json.read(Json.write(p), Platform.class));
        assertEquals("{\"architecture\":\"arm\",\"os\":\"linux\",\"variant\":\"v7\"}",
                new String(Json.write(Platform.parse("linux/arm")), StandardCharsets.UTF_8));
    }
}
