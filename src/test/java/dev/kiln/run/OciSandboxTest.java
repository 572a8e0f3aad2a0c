package dev.kiln.run;

import dev.kiln.testsupport.Tools;

class OciSandboxTest extends SandboxContractTest {
    @Override
    Sandbox sandbox() {
        Tools.requireTool("runc");
        return new OciSandbox("runc");
    }
}
