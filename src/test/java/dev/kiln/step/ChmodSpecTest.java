package dev.kiln.step;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.*;

class ChmodSpecTest {
    @ParameterizedTest(name = "{0} on {1} (dir {2}) = {3}")
    @CsvSource({
            "755, 644, false, 755",
            "0640, 777, false, 640",
            "u+x, 644, false, 744",
            "'u+x,g-r', 644, false, 704",
            "o=r, 777, false, 774",
            "a=rX, 644, true, 555",
            "a=rX, 644, false, 444",
            "a=rX, 744, false, 555",
            "+x, 600, false, 711",
            "go-rwx, 755, false, 700",
            "g=u, 640, false, 660",
            "u+s, 755, false, 4755",
            "+t, 755, true, 1755",
            "'u=rwx,go=', 644, false, 700",
    })
    void appliesLikeChmod(String spec, String mode, boolean dir, String want) {
        assertEquals(Integer.parseInt(want, 8), ChmodSpec.parse(spec).apply(Integer.parseInt(mode, 8), dir));
    }

    @Test
    void rejectsNonsense() {
        for (String bad : new String[]{"", "u", "u+q", "999", "x+u", "u+x,"}) {
            assertThrows(IllegalArgumentException.class, () -> ChmodSpec.parse(bad), bad);
        }
    }
}
