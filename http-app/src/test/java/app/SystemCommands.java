package app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The few system commands the fault tests need as root: mount a tmpfs, make a folder immutable. */
final class SystemCommands {

    private SystemCommands() {}

    /** Whether the tests run as root (needed to mount, and to make root's writes fail). */
    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Whether {@code name} is an executable on the PATH. */
    static boolean available(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String folder : path.split(":")) {
            if (Files.isExecutable(Path.of(folder, name))) {
                return true;
            }
        }
        return false;
    }

    /** A tmpfs of {@code size} mounted on {@code folder}; closing unmounts it. */
    static AutoCloseable mountTmpfs(Path folder, String size) throws IOException, InterruptedException {
        run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", folder.toString());
        return () -> {
            try {
                run("umount", folder.toString());
            } catch (IOException e) {
                run("umount", "-l", folder.toString());
            }
        };
    }

    /** {@code chattr +i}: not even root may create, remove or rename entries; closing undoes it. */
    static AutoCloseable immutable(Path folder) throws IOException, InterruptedException {
        run("chattr", "+i", folder.toString());
        return () -> run("chattr", "-i", folder.toString());
    }

    static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(List.of(command) + " timed out");
        }
        if (process.exitValue() != 0) {
            throw new IOException(List.of(command) + " failed with " + process.exitValue() + ": "
                    + new String(output, StandardCharsets.UTF_8).strip());
        }
    }
}
