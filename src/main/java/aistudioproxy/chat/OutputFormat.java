package aistudioproxy.chat;

/** What shape the answer's text must take: free text, or one JSON value (OpenAI json modes, Gemini's application/json). */
public enum OutputFormat { TEXT, JSON }
