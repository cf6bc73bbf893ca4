package aistudioproxy.simulator;

import aistudioproxy.json.JsonWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A deterministic stand-in for Gemini: the answer is a function of the prompt and of every
 * setting that reached the RPC, so a test can prove a parameter arrived by the answer it got.
 * Stop sequences cut the answer before their first occurrence (except for
 * {@code echo-settings}, whose purpose is to show them); max output tokens cut it after that
 * many tokens (a token here is a word with its trailing space).
 */
final class FakeModel {
    private static final String[] WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike "
            + "november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu amber basalt cobalt "
            + "dune ember fjord granite harbor iris jade kelp lagoon meadow nectar opal prairie quartz river summit "
            + "tundra umber valley willow zephyr").split(" ");

    /** The planned emission and how it ends. */
    record Plan(List<Step> steps, boolean truncated) {}

    private FakeModel() {}

    static Plan plan(SimRequest req, Script script) {
        List<Step> steps = new ArrayList<>();
        String prompt = Script.stripMarkers(req.prompt());
        if (req.thinking() && !script.noThink() || script.thinkOnly()) {
            for (String t : tokens("Considering the request (" + prompt.length() + " characters) for " + req.model() + ". ")) {
                steps.add(new Step.Thought(t));
            }
        }
        if (script.thinkOnly()) return new Plan(steps, false);
        String answer;
        boolean applyStop = true;
        FunctionCaller.Reply functions = script.say() == null && !script.echoSettings() ? FunctionCaller.reply(req, prompt) : null;
        if (functions instanceof FunctionCaller.Reply.Calls calls) {
            for (String[] c : calls.calls()) steps.add(new Step.Call(c[0], c[1]));
            return new Plan(steps, false);
        }
        if (functions instanceof FunctionCaller.Reply.Text t) {
            answer = t.text();
            applyStop = false;
        } else if (script.echoSettings()) {
            answer = echo(req, prompt);
            applyStop = false;
        } else if (script.say() != null) {
            answer = script.say();
        } else if (prompt.contains("fenced code block")) {
            // What a model answers when asked for a code block (the doctor's walk asks so).
            answer = "```text\nOK\n```";
        } else if (script.giantChars() != null) {
            answer = "g".repeat(script.giantChars());
        } else if (script.longWords() != null) {
            answer = words(seed(req, prompt), script.longWords());
        } else {
            answer = "Simulated " + req.model() + " answer: " + words(seed(req, prompt), 8 + (int) Math.floorMod(seed(req, prompt), 8L)) + ".";
        }
        if (applyStop) {
            for (String s : req.stop()) {
                int at = answer.indexOf(s);
                if (at >= 0) answer = answer.substring(0, at);
            }
        }
        List<String> tokens = tokens(answer);
        boolean truncated = false;
        if (req.maxTokens() != null && tokens.size() > req.maxTokens()) {
            tokens = tokens.subList(0, req.maxTokens());
            truncated = true;
        }
        for (String t : tokens) steps.add(new Step.Token(t));
        return new Plan(steps, truncated);
    }

    static String echo(SimRequest req, String prompt) {
        return "model=" + req.model() + "\n"
                + "temperature=" + fmt(req.temperature()) + "\n"
                + "top_p=" + fmt(req.topP()) + "\n"
                + "max_tokens=" + req.maxTokens() + "\n"
                + "stop=" + JsonWriter.write(new aistudioproxy.json.JsonValue.Arr(req.stop().stream()
                        .map(s -> (aistudioproxy.json.JsonValue) new aistudioproxy.json.JsonValue.Str(s)).toList())) + "\n"
                + "thinking=" + (req.thinking() ? "on" : "off") + " budget=" + req.thinkingBudget()
                + " level=" + (req.thinkingLevel() == null ? "-" : req.thinkingLevel()) + "\n"
                + "system=" + JsonWriter.quote(req.systemInstruction() == null ? "" : req.systemInstruction()) + "\n"
                + "images=" + String.join(",", req.imageMimeTypes()) + "\n"
                + "history=" + req.earlierTurns() + "\n"
                + "prompt=" + JsonWriter.quote(prompt);
    }

    private static String fmt(Double d) {
        return d == null ? "null" : String.format(Locale.ROOT, "%.2f", d);
    }

    private static long seed(SimRequest req, String prompt) {
        return (req.model() + "|" + prompt + "|" + req.temperature() + "|" + req.topP() + "|" + req.systemInstruction()).hashCode();
    }

    private static String words(long seed, int n) {
        StringBuilder b = new StringBuilder();
        long x = seed;
        for (int i = 0; i < n; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            if (i > 0) b.append(' ');
            b.append(WORDS[(int) Math.floorMod(x >>> 33, (long) WORDS.length)]);
        }
        return b.toString();
    }

    /** Splits text into tokens of one word with the whitespace after it; concatenated they give the text back. */
    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) i++;
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
            out.add(text.substring(start, i));
            start = i;
        }
        return out;
    }
}
