# bash completion for countersign-cli (installed to /usr/share/bash-completion/completions).

_countersign_cli()
{
    local cur prev words cword
    _init_completion || return

    local common="--url --token --dev-principals --ca-file --ca-fingerprint --insecure --help"
    local request="--kind --system --resource --env --justification --urgency --ttl --on-behalf-of
        --context --command --retry --wait"
    local -A options=(
        [request]="$common $request"
        [exec]="$common $request"
        [report]="$common --status --exit-code --detail"
        [pending]="$common --json"
        [decide]="$common --json --approve --deny --reason --key"
        [withdraw]="$common --json"
        [canonicalize]="--help"
        [verify-decision]="--help"
        [mcp]="$common"
    )

    case $prev in
        --urgency)
            COMPREPLY=($(compgen -W "low normal high critical" -- "$cur"))
            return ;;
        --format)
            COMPREPLY=($(compgen -W "csv jsonl bundle" -- "$cur"))
            return ;;
        --ca-file | --dev-principals | --out)
            _filedir
            return ;;
        --key)
            COMPREPLY=($(compgen -W "pkcs11: fido2: software:" -- "$cur"))
            compopt -o nospace
            return ;;
    esac

    if ((cword == 1)); then
        COMPREPLY=($(compgen -W "request exec report policy hook mcp pending decide withdraw key
            canonicalize verify-decision audit --help --version" -- "$cur"))
        return
    fi

    local command=${words[1]}
    case $command in
        policy)
            ((cword == 2)) && COMPREPLY=($(compgen -W "explain" -- "$cur")) && return
            COMPREPLY=($(compgen -W "$common $request --agent --json" -- "$cur"))
            return ;;
        hook)
            ((cword == 2)) && COMPREPLY=($(compgen -W "claude-code" -- "$cur")) && return
            COMPREPLY=($(compgen -W "$common --system --env --urgency --fail-open" -- "$cur"))
            return ;;
        key)
            ((cword == 2)) && COMPREPLY=($(compgen -W "enroll list" -- "$cur")) && return
            COMPREPLY=($(compgen -W "$common --json --key --label" -- "$cur"))
            return ;;
        audit)
            ((cword == 2)) && COMPREPLY=($(compgen -W "export verify" -- "$cur")) && return
            if [[ ${words[2]} == verify ]]; then
                _filedir
            else
                COMPREPLY=($(compgen -W "$common --format --out --after" -- "$cur"))
            fi
            return ;;
        canonicalize | verify-decision)
            [[ $cur != -* ]] && _filedir && return ;;
    esac
    [[ -n ${options[$command]} ]] && COMPREPLY=($(compgen -W "${options[$command]}" -- "$cur"))
}
complete -F _countersign_cli countersign-cli
