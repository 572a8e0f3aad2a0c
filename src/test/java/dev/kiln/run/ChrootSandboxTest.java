package dev.kiln.run;


class ChrootSandboxTest extends SandboxContractTest {
    @Override
    Sandbox sandbox() {
        return new ChrootSandbox(events::add, HostTools.standard(), ChrootSupport.probe(HostTools.standard()));
    }
}
