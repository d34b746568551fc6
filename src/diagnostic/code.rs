//! Stable names for every kind of problem, printed with each message and listed with an
//! example and its fix in `docs/messages.md`, so tools (and the editor in the browser) can link a
//! message to its explanation.

/// Declares the codes once: the enum, its names and the list of all of them.
macro_rules! codes {
    ($($variant:ident = $name:literal,)*) => {
        /// The kind of a problem; its name never changes once published.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(
                #[doc = $name]
                $variant,
            )*
        }

        impl Code {
            /// Every code, for the documentation check.
            pub const ALL: &[Code] = &[$(Code::$variant,)*];

            /// The code as printed: `fact-unknown`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }
        }
    };
}

codes! {
    AddressNotWeb = "address-not-web",
    AddressOnComputer = "address-on-computer",
    AddressSpaces = "address-spaces",
    AliasCollision = "alias-collision",
    AliasInvalid = "alias-invalid",
    AnchorBroken = "anchor-broken",
    BaseUrlExample = "base-url-example",
    BaseUrlInvalid = "base-url-invalid",
    BuildRecordIgnored = "build-record-ignored",
    ChartBreakdownFigures = "chart-breakdown-figures",
    ChartBreakdownNoParts = "chart-breakdown-no-parts",
    ChartBreakdownNoTotal = "chart-breakdown-no-total",
    ChartIdTaken = "chart-id-taken",
    ChartMixedUnits = "chart-mixed-units",
    ChartNegative = "chart-negative",
    ChartNoFigures = "chart-no-figures",
    ChartNotAlone = "chart-not-alone",
    ChartSeriesMany = "chart-series-many",
    ChartSeriesMissing = "chart-series-missing",
    ChartShareNotPercent = "chart-share-not-percent",
    ChartShareOver100 = "chart-share-over-100",
    ChartTotalNotBreakdown = "chart-total-not-breakdown",
    ChartUnknown = "chart-unknown",
    ChartUnshown = "chart-unshown",
    CnameMismatch = "cname-mismatch",
    ColourContrast = "colour-contrast",
    ColourInvalid = "colour-invalid",
    ContactEmailInvalid = "contact-email-invalid",
    ContactMissing = "contact-missing",
    ContactNoDetail = "contact-no-detail",
    ContactPhoneInvalid = "contact-phone-invalid",
    ContactUnknown = "contact-unknown",
    DateInFuture = "date-in-future",
    DateNoDay = "date-no-day",
    ExampleText = "example-text",
    FactAboutTwice = "fact-about-twice",
    FactCiteInLink = "fact-cite-in-link",
    FactPlaceholder = "fact-placeholder",
    FactUnitTwice = "fact-unit-twice",
    FactUnknown = "fact-unknown",
    FigureFutureActual = "figure-future-actual",
    FigureMeasureWord = "figure-measure-word",
    FigureNoPeriod = "figure-no-period",
    FigureNoSource = "figure-no-source",
    FigureNoValue = "figure-no-value",
    FigureNotANumber = "figure-not-a-number",
    FigurePartOfItself = "figure-part-of-itself",
    FigurePeriodAndDate = "figure-period-and-date",
    FigurePeriodInvalid = "figure-period-invalid",
    FigureSeriesEmpty = "figure-series-empty",
    FigureSeriesPeriod = "figure-series-period",
    FigureSeriesYear = "figure-series-year",
    FigureShareRange = "figure-share-range",
    FigureShareUnit = "figure-share-unit",
    FigureSourceDate = "figure-source-date",
    FigureStale = "figure-stale",
    FigureTooLarge = "figure-too-large",
    FigureValueAndSeries = "figure-value-and-series",
    FileNameControl = "file-name-control",
    FileNotUtf8 = "file-not-utf8",
    FileRefused = "file-refused",
    FileSkipped = "file-skipped",
    FileUnreadable = "file-unreadable",
    FileUnwritable = "file-unwritable",
    FrontMatterInText = "front-matter-in-text",
    FrontMatterUnclosed = "front-matter-unclosed",
    FrontMatterYaml = "front-matter-yaml",
    HeadingSkipsLevel = "heading-skips-level",
    HostAddressMismatch = "host-address-mismatch",
    HostNeedsSetup = "host-needs-setup",
    HostServesRoot = "host-serves-root",
    HtmlDuplicateId = "html-duplicate-id",
    IdDuplicate = "id-duplicate",
    IdInvalid = "id-invalid",
    IndustryNoRecord = "industry-no-record",
    IndustryNoSource = "industry-no-source",
    InitHasSite = "init-has-site",
    InitNotEmpty = "init-not-empty",
    InternalError = "internal-error",
    LanguageKeyInvalid = "language-key-invalid",
    LanguageTagInvalid = "language-tag-invalid",
    LanguageUndeclared = "language-undeclared",
    LinkBroken = "link-broken",
    LinkOutsideContent = "link-outside-content",
    LinkOutsideSite = "link-outside-site",
    LinkSchemeRefused = "link-scheme-refused",
    LinkToDraft = "link-to-draft",
    LogoMissing = "logo-missing",
    LogoUnreadable = "logo-unreadable",
    MarkdownAsText = "markdown-as-text",
    MenuTargetMissing = "menu-target-missing",
    MessagesOmitted = "messages-omitted",
    NewBadPath = "new-bad-path",
    NewNoOriginal = "new-no-original",
    NewNoSite = "new-no-site",
    NewPageExists = "new-page-exists",
    NewUnknownLanguage = "new-unknown-language",
    NewsNoDate = "news-no-date",
    OutputCollision = "output-collision",
    OutputLink = "output-link",
    OutputPathInvalid = "output-path-invalid",
    OutputUnsafe = "output-unsafe",
    PageEmpty = "page-empty",
    PageNoTitle = "page-no-title",
    PagePlaceholder = "page-placeholder",
    PageUnreachable = "page-unreachable",
    PageWrongExtension = "page-wrong-extension",
    PaginateByZero = "paginate-by-zero",
    PaletteUnknown = "palette-unknown",
    PartOfCircle = "part-of-circle",
    PartOfNegative = "part-of-negative",
    PartOfSeries = "part-of-series",
    PartOfUnit = "part-of-unit",
    PartsExceedTotal = "parts-exceed-total",
    PictureMissing = "picture-missing",
    PictureNoDescription = "picture-no-description",
    PictureTooLarge = "picture-too-large",
    ReferenceUnknown = "reference-unknown",
    RobotsSubPath = "robots-sub-path",
    ShortcodeLookAlike = "shortcode-look-alike",
    ShortcodeSyntax = "shortcode-syntax",
    SlugInvalid = "slug-invalid",
    SourceDefaultTwice = "source-default-twice",
    SourceLanguageInvalid = "source-language-invalid",
    TagIndustryUnknown = "tag-industry-unknown",
    TagNotStory = "tag-not-story",
    TagParkUnknown = "tag-park-unknown",
    TagTopicInvalid = "tag-topic-invalid",
    TagTopicList = "tag-topic-list",
    TagTopicVariant = "tag-topic-variant",
    TemplateError = "template-error",
    TemplateExtendsCircle = "template-extends-circle",
    TemplateIncludesCircle = "template-includes-circle",
    TemplateMissing = "template-missing",
    TemplateParentMissing = "template-parent-missing",
    TextControlCharacter = "text-control-character",
    TextInvisibleCharacter = "text-invisible-character",
    ThemeWordSlot = "theme-word-slot",
    ThemeWordUnknown = "theme-word-unknown",
    TomlBadDate = "toml-bad-date",
    TomlDuplicateKey = "toml-duplicate-key",
    TomlFullWidth = "toml-full-width",
    TomlKeyMisplaced = "toml-key-misplaced",
    TomlMissingKey = "toml-missing-key",
    TomlNumberSeparator = "toml-number-separator",
    TomlNumberTooLarge = "toml-number-too-large",
    TomlNumberUnit = "toml-number-unit",
    TomlSyntax = "toml-syntax",
    TomlUnknownKey = "toml-unknown-key",
    TomlUnknownValue = "toml-unknown-value",
    TomlWrongType = "toml-wrong-type",
    TranslationDefaultSuffix = "translation-default-suffix",
    TranslationLanguageUnknown = "translation-language-unknown",
    TranslationMissing = "translation-missing",
    TranslationMissingText = "translation-missing-text",
    TranslationTitleUntranslated = "translation-title-untranslated",
    UrlCollision = "url-collision",
    UrlLanguagePrefix = "url-language-prefix",
    IcpInvalid = "icp-invalid",
    PoliceFilingInvalid = "police-filing-invalid",
    GovernmentSiteCodeInvalid = "government-site-code-invalid",
    IcpMissing = "icp-missing",
    PoliceFilingMissing = "police-filing-missing",
    GovernmentSiteCodeMissing = "government-site-code-missing",
    StatementNoContact = "statement-no-contact",
    SearchIndexFailed = "search-index-failed",
    SearchTooManyPages = "search-too-many-pages",
    PicturesSettingInvalid = "pictures-setting-invalid",
    PictureUnreadable = "picture-unreadable",
    PictureNoCredit = "picture-no-credit",
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_explained_in_docs_messages_md() {
        let docs = include_str!("../../docs/messages.md");
        let headings: Vec<&str> = docs.lines().filter_map(|l| l.strip_prefix("## ")).collect();
        let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(
            headings, codes,
            "docs/messages.md: one `## code` per code, in order"
        );
    }
}
