{#- strategy.strategy_alignment_drops for the models that read it (through ref): the strategy tables are typed and
    validated when the pipeline writes them (onstrategy.strategy.tables), so staging only names them. -#}
select * from {{ source('strategy', 'strategy_alignment_drops') }}
