package dev.certstream.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The instructions of a Dockerfile, grouped by build stage, with line continuations joined. */
record Dockerfile(List<Stage> stages) {

    /** One FROM and the instructions after it. */
    record Stage(String image, String name, List<Instruction> instructions) {

        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }

        /** The last value of a single-valued instruction (USER, WORKDIR, ENTRYPOINT), or null. */
        String last(String keyword) {
            List<Instruction> found = all(keyword);
            return found.isEmpty() ? null : found.get(found.size() - 1).arguments();
        }
    }

    /** An instruction keyword (upper case) and the rest of its line. */
    record Instruction(String keyword, String arguments) {

        /** The words of the arguments, flags ({@code --from=build}) included. */
        List<String> words() {
            return List.of(arguments.trim().split("\\s+"));
        }
    }

    static Dockerfile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Stage> stages = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : lines) {
            String trimmed = line.trim();
            if (trimmed.startsWith("#") || trimmed.isEmpty() && pending.isEmpty()) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            String instruction = pending.append(trimmed).toString().trim();
            pending.setLength(0);
            if (instruction.isEmpty()) {
                continue;
            }
            String[] parts = instruction.split("\\s+", 2);
            Instruction parsed = new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1] : "");
            if (parsed.keyword().equals("FROM")) {
                List<String> words = parsed.words();
                String name = words.size() >= 3 && words.get(1).equalsIgnoreCase("AS") ? words.get(2) : null;
                stages.add(new Stage(words.get(0), name, new ArrayList<>()));
            } else if (stages.isEmpty()) {
                throw new IllegalStateException(file + ": " + parsed.keyword() + " before the first FROM");
            } else {
                stages.get(stages.size() - 1).instructions().add(parsed);
            }
        }
        return new Dockerfile(List.copyOf(stages));
    }

    Stage last() {
        return stages.get(stages.size() - 1);
    }
}
