package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The runtime module path holds named modules only: jlink refuses automatic modules, and the
 * image must contain exactly what the tests ran against.
 */
class ModulePathTest {

    @Test
    void everyModuleOfTheAppLayerIsNamedNotAutomatic() {
        ModuleLayer layer = Main.class.getModule().getLayer();
        List<String> automatic = layer.modules().stream()
                .map(Module::getDescriptor)
                .filter(ModuleDescriptor::isAutomatic)
                .map(ModuleDescriptor::name)
                .toList();
        assertEquals(List.of(), automatic);
    }

    @Test
    void theAppReadsOnlyWhatItDeclares() {
        Set<String> requires = Main.class.getModule().getDescriptor().requires().stream()
                .map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet());
        assertTrue(requires.containsAll(Set.of("http.protocol", "http.pool", "http.fs", "tools.jackson.databind",
                "org.slf4j")), requires.toString());
        assertTrue(!requires.contains("org.slf4j.simple"), "the logging binding is a run-time choice");
    }

    @Test
    void theLibrariesNeedOnlyJavaBase() {
        for (String name : List.of("http.protocol", "http.pool", "http.fs")) {
            Set<String> requires = ModuleLayer.boot().findModule(name)
                    .or(() -> Main.class.getModule().getLayer().findModule(name))
                    .orElseThrow().getDescriptor().requires().stream()
                    .map(ModuleDescriptor.Requires::name)
                    .collect(Collectors.toSet());
            assertEquals(Set.of("java.base"), requires, name);
        }
    }
}
