package dev.kiln.registry;

import java.util.regex.Pattern;

/** The grammar of image references, as in distribution/reference's regexp.go. */
final class ReferenceGrammar {
    private ReferenceGrammar() {}

    private static final String ALNUM = "[a-z0-9]+";
    private static final String SEPARATOR = "(?:[._]|__|[-]+)";
    private static final String PATH_COMPONENT = ALNUM + "(?:" + SEPARATOR + ALNUM + ")*";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String IPV6 = "\\[(?:[a-fA-F0-9:]+)\\]";
    private static final String HOST = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|" + IPV6 + ")";

    static final Pattern DOMAIN = Pattern.compile(HOST + "(?::[0-9]+)?");
    static final Pattern PATH = Pattern.compile(PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*");
    static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    static final Pattern IDENTIFIER = Pattern.compile("[a-f0-9]{64}");

    /** Longest accepted name (domain and path), as distribution's NameTotalLengthMax. */
    static final int NAME_MAX = 255;
}
