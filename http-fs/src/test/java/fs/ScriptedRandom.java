package fs;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.random.RandomGenerator;

/** A generator that draws name characters from a script, then repeats the last one forever. */
final class ScriptedRandom implements RandomGenerator {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final Queue<Integer> script = new ArrayDeque<>();
    private int last;

    /** Each string is four name characters, drawn in order. */
    ScriptedRandom(String... names) {
        for (String name : names) {
            name.chars().forEach(c -> script.add(ALPHABET.indexOf(c)));
        }
    }

    @Override
    public int nextInt(int bound) {
        if (bound != ALPHABET.length()) {
            throw new IllegalArgumentException("unexpected bound " + bound);
        }
        if (!script.isEmpty()) {
            last = script.remove();
        }
        return last;
    }

    @Override
    public long nextLong() {
        throw new UnsupportedOperationException("only nextInt(bound) is scripted");
    }
}
