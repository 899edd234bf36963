namespace Polis.Search;

// One translation read from a dictionary, already cleaned (DictionaryText). Entry numbers the dictionary entry (dictd
// entry, Ding line) it comes from, so that the builder can count how many entries agree; Rank is how far from the
// front of the entry the two words stand (0: the first headword with its first translation). Read backwards, the
// languages and words swap and Entry and Rank stay.
internal readonly record struct DictionaryPair(
    string SourceLanguage, string Headword, string TargetLanguage, string Translation, int Entry, int Rank)
{
    public DictionaryPair Reversed() => new(TargetLanguage, Translation, SourceLanguage, Headword, Entry, Rank);
}

// A headword of one entry with one of its translations, before languages are attached.
internal readonly record struct EntryTranslation(string Headword, string Translation, int Rank);
