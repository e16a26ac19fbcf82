"""Natural-language extraction from French news articles: sentences, dates, quotes, actors, events."""
